package dev.containermatrix.backend.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

  @Test
  void describesAnOrdinaryExit() {
    assertThat(ExitStatus.fromExitCode(0))
        .isEqualTo(new ExitStatus(0, ExitStatus.Reason.EXITED, "exited with status 0"));
    assertThat(ExitStatus.fromExitCode(0).isSuccess()).isTrue();
    assertThat(ExitStatus.fromExitCode(3).description()).isEqualTo("exited with status 3");
    assertThat(ExitStatus.fromExitCode(3).isSuccess()).isFalse();
  }

  @Test
  void readsExitCodesAbove128AsSignals() {
    assertThat(ExitStatus.fromExitCode(137))
        .isEqualTo(
            new ExitStatus(
                137, ExitStatus.Reason.KILLED_BY_SIGNAL, "was killed by signal 9 (SIGKILL)"));
    assertThat(ExitStatus.fromExitCode(143).description())
        .isEqualTo("was killed by signal 15 (SIGTERM)");
    assertThat(ExitStatus.fromExitCode(128 + 40).description())
        .isEqualTo("was killed by signal 40");
    assertThat(ExitStatus.fromExitCode(128).reason()).isEqualTo(ExitStatus.Reason.EXITED);
  }

  @Test
  void describesATimeoutWithWhatWasKilled() {
    assertThat(ExitStatus.timedOut(Duration.ofSeconds(2), 137, 1234, 2).description())
        .isEqualTo("timed out after 2s; its JVM (pid 1234) and 2 child processes were killed");
    assertThat(ExitStatus.timedOut(Duration.ofSeconds(90), 137, 1234, 1).description())
        .isEqualTo("timed out after 1m30s; its JVM (pid 1234) and 1 child process were killed");
    assertThat(ExitStatus.timedOut(Duration.ofMillis(1500), 137, 1234, 0).description())
        .isEqualTo("timed out after 1.5s; its JVM (pid 1234) was killed");
  }

  @Test
  void describesACancelOutOfMemoryAndFailedStart() {
    assertThat(ExitStatus.cancelled("the run was stopped", 137, 7, 0).description())
        .isEqualTo("was cancelled (the run was stopped); its JVM (pid 7) was killed");
    assertThat(ExitStatus.outOfMemory(137, 256L << 20).description())
        .isEqualTo("was killed: it exceeded its memory limit of 256 MiB (OOM)");
    assertThat(ExitStatus.failedToStart("no /bin/java in the image"))
        .isEqualTo(
            new ExitStatus(
                127,
                ExitStatus.Reason.FAILED_TO_START,
                "failed to start: no /bin/java in the image"));
  }
}
