package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFilesystemsTest {

  @TempDir Path proc;

  @Test
  void findsNodevAndBlockFilesystemsByExactName() {
    new FakeProc(proc).with("filesystems", "nodev\tsysfs\nnodev\ttmpfs\n\text4\nnodev\toverlay\n");
    ProcFilesystems filesystems = new ProcFilesystems(proc);

    assertThat(filesystems.supports("overlay")).isTrue();
    assertThat(filesystems.supports("ext4")).isTrue();
    assertThat(filesystems.supports("over")).isFalse();
  }

  @Test
  void supportsNothingWithoutTheFile() {
    assertThat(new ProcFilesystems(proc).supports("overlay")).isFalse();
  }
}
