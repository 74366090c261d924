package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the docker backend decides whether it can bind the host's files. */
class FileTransferTest {
  private static final EngineInfo HERE = new EngineInfo("ci-17", "Debian GNU/Linux 12 (bookworm)");

  @Test
  void theKeyTakesAutoBindOrCopyInAnyCaseAndAutoWhenBlank() {
    assertThat(FileTransfer.parse(" Copy ")).isEqualTo(FileTransfer.COPY);
    assertThat(FileTransfer.parse("bind")).isEqualTo(FileTransfer.BIND);
    assertThat(FileTransfer.parse("")).isEqualTo(FileTransfer.AUTO);
    assertThat(FileTransfer.parse(null)).isEqualTo(FileTransfer.AUTO);
    assertThatThrownBy(() -> FileTransfer.parse("mount"))
        .hasMessageContaining("containermatrix.docker.files is \"mount\"")
        .hasMessageContaining("auto, bind")
        .hasMessageContaining("copy");
  }

  @Test
  void autoBindsWhereTheEngineRunsOnThisLinuxHost() {
    assertThat(FileTransfer.AUTO.decide(HERE, "ci-17", "Linux").mode())
        .isEqualTo(FileTransfer.BIND);
  }

  @Test
  void autoCopiesWhereTheEngineRunsInAVmOrOnAnotherMachine() {
    assertThat(FileTransfer.AUTO.decide(HERE, "ci-17", "Mac OS X").reason())
        .contains("files copied")
        .contains("Mac OS X");
    assertThat(
            FileTransfer.AUTO
                .decide(new EngineInfo("docker-desktop", "Docker Desktop"), "laptop", "Linux")
                .reason())
        .contains("Docker Desktop");
    FileTransfer.Decision elsewhere = FileTransfer.AUTO.decide(HERE, "runner-container", "Linux");
    assertThat(elsewhere.mode()).isEqualTo(FileTransfer.COPY);
    assertThat(elsewhere.reason()).contains("\"ci-17\"").contains("\"runner-container\"");
  }

  @Test
  void anExplicitModeStandsWhateverTheEngineSays() {
    assertThat(FileTransfer.COPY.decide(HERE, "ci-17", "Linux").mode())
        .isEqualTo(FileTransfer.COPY);
    assertThat(FileTransfer.BIND.decide(HERE, "elsewhere", "Linux").mode())
        .isEqualTo(FileTransfer.BIND);
  }
}
