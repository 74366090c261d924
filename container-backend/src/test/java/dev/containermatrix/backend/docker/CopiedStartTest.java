package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start script of a container whose files are copied, run by this host's /bin/sh. */
class CopiedStartTest {
  @TempDir Path scratch;

  @Test
  void argumentsLongerThanOneVariableHoldsAreSplitAndJoinedAgainWhole() throws Exception {
    String content = "-cp " + "/jars/a-very-long-name.jar:".repeat(4000) + "\n-Xshare:auto\n";

    List<String> pieces = CopiedStart.pieces(content, "v1");

    assertThat(pieces).hasSizeGreaterThan(2);
    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(32 * 1024));
    assertThat(written(pieces, false)).isEqualTo(content);
  }

  @Test
  void aSurrogatePairIsNeverSplitBetweenTwoPieces() throws Exception {
    String content = "a".repeat(CopiedStart.PIECE_CHARS - 1) + "\uD83D\uDE00" + "-Dx=\u00e9";

    List<String> pieces = CopiedStart.pieces(content, "v1");

    assertThat(pieces.get(0)).endsWith("a");
    assertThat(String.join("", pieces)).isEqualTo(content);
    assertThat(written(pieces, false)).isEqualTo(content);
  }

  @Test
  void argumentsBeyondWhatAProcessMayHoldAreRefusedNamingTheContainerAndWhatToDo() {
    String content = "x".repeat(CopiedStart.PIECE_CHARS * CopiedStart.MAX_PIECES + 1);

    assertThatThrownBy(() -> CopiedStart.pieces(content, "v7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("container v7")
        .hasMessageContaining("containermatrix.docker.files=bind");
  }

  @Test
  void withAChannelTheProgramsStdoutGoesToStderrAndFd3IsTheContainersStdout() throws Exception {
    Path out = scratch.resolve("out");
    Path err = scratch.resolve("err");
    List<String> command =
        script(List.of("/bin/sh", "-c", "echo event >&3; echo printed; echo warned >&2"), true, 0);

    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();

    assertThat(process.waitFor()).isZero();
    assertThat(Files.readString(out)).isEqualTo("event\n");
    assertThat(Files.readString(err)).isEqualTo("printed\nwarned\n");
  }

  @Test
  void thePiecesAreNotLeftInTheProgramsEnvironment() throws Exception {
    Map<String, String> environment = new HashMap<>();
    CopiedStart.putPieces(List.of("-Da=1"), environment);
    List<String> command = script(List.of("/usr/bin/env"), false, 1);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);

    Process process = builder.start();
    String env = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).isZero();
    assertThat(env).doesNotContain(CopiedStart.PIECE_PREFIX);
  }

  /** The script, writing its argument file under the scratch directory rather than /tmp. */
  private List<String> script(List<String> program, boolean channel, int pieces) {
    List<String> command = new ArrayList<>(CopiedStart.command(pieces, channel, program));
    command.set(2, command.get(2).replace(CopiedStart.ARGFILE, scratch.resolve("args").toString()));
    return command;
  }

  private String written(List<String> pieces, boolean channel) throws Exception {
    Map<String, String> environment = new HashMap<>();
    CopiedStart.putPieces(pieces, environment);
    ProcessBuilder builder =
        new ProcessBuilder(script(List.of("/bin/true"), channel, pieces.size()));
    builder.environment().putAll(environment);
    builder.environment().put("LANG", "C.UTF-8");
    assertThat(builder.inheritIO().start().waitFor()).isZero();
    return Files.readString(scratch.resolve("args"), StandardCharsets.UTF_8);
  }
}
