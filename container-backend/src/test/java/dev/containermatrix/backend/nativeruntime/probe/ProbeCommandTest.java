package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {

  @Test
  void reportsExitCodeAndOutputOfBothStreams() throws InterruptedException {
    ProbeResult result =
        ProbeCommand.of("sh", "-c", "echo out; echo err >&2; exit 3").run(Duration.ofSeconds(5));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).contains(3);
    assertThat(result.describe())
        .isEqualTo("`sh -c echo out; echo err >&2; exit 3` exited with status 3: out err");
  }

  @Test
  void killsACommandThatOutlivesItsTimeoutWithItsChildren() throws InterruptedException {
    ProbeResult result =
        ProbeCommand.of("sh", "-c", "echo started; sleep 60 & sleep 60").run(Duration.ofSeconds(1));

    assertThat(result.exitCode()).isEmpty();
    assertThat(result.describe())
        .isEqualTo(
            "`sh -c echo started; sleep 60 & sleep 60` did not finish within 1 s and was killed:"
                + " started");
  }

  @Test
  void reportsACommandThatCannotStart() throws InterruptedException {
    ProbeResult result =
        ProbeCommand.of("/nonexistent/unshare", "--version").run(Duration.ofSeconds(5));

    assertThat(result.exitCode()).isEmpty();
    assertThat(result.describe())
        .startsWith("`/nonexistent/unshare --version` could not start: Cannot run program");
  }
}
