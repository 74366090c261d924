package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSelfStatusTest {

  @TempDir Path proc;

  @Test
  void readsEffectiveUidOfRoot() {
    new FakeProc(proc).uid(0, 0);

    assertThat(new ProcSelfStatus(proc).effectiveUid()).contains(0);
  }

  @Test
  void readsEffectiveUidOfOrdinaryUser() {
    new FakeProc(proc).uid(1000, 1000);

    assertThat(new ProcSelfStatus(proc).effectiveUid()).contains(1000);
  }

  @Test
  void takesTheSecondNumberWhichIsTheEffectiveUid() {
    new FakeProc(proc).uid(1000, 0);

    assertThat(new ProcSelfStatus(proc).effectiveUid()).contains(0);
  }

  @Test
  void isEmptyWithoutStatusFileOrUidLine() {
    assertThat(new ProcSelfStatus(proc).effectiveUid()).isEmpty();

    new FakeProc(proc).with("self/status", "Name:\tjava\nPid:\t42\n");
    assertThat(new ProcSelfStatus(proc).effectiveUid()).isEmpty();
  }

  @Test
  void readsThisProcess() {
    assertThat(new ProcSelfStatus(Path.of("/proc")).effectiveUid()).isPresent();
  }
}
