package dev.containermatrix.backend.hostprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.spi.JvmCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandLineTest {

  private final JvmCommandLine commandLine =
      new JvmCommandLine(
          new JvmCommand(
              Path.of("/jdk"),
              List.of(Path.of("/a.jar"), Path.of("/b dir")),
              List.of("-Xmx64m", "-Dx=\"q\""),
              "com.example.Main",
              List.of("one", "two words")),
          Path.of("/out/java.args"));

  @Test
  void keepsMainClassAndArgumentsOnTheCommandLine() {
    assertThat(commandLine.command())
        .containsExactly(
            "/jdk/bin/java", "@/out/java.args", "com.example.Main", "one", "two words");
  }

  @Test
  void putsClasspathAndOptionsInTheArgumentFile() {
    assertThat(commandLine.argFileContent())
        .isEqualTo("-cp\n\"/a.jar:/b dir\"\n\"-Xmx64m\"\n\"-Dx=\\\"q\\\"\"\n");
  }

  @Test
  void quotesEscapesTheArgumentFileParserKnows() {
    assertThat(JvmCommandLine.quote("a\\b\"c\nd\te")).isEqualTo("\"a\\\\b\\\"c\\nd\\te\"");
  }
}
