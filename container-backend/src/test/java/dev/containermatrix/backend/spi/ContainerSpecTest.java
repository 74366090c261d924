package dev.containermatrix.backend.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

  private static final JvmCommand COMMAND =
      new JvmCommand(
          Path.of("/jdk"), List.of(Path.of("/app.jar")), List.of(), "com.example.Main", List.of());

  private static ContainerSpec spec(
      String id, Map<String, String> environment, Path channel, Duration timeout) {
    return new ContainerSpec(
        id,
        "host",
        "host",
        List.of(),
        COMMAND,
        environment,
        Path.of("/work"),
        ResourceLimits.none(),
        List.of(),
        channel,
        Path.of("/out"),
        timeout);
  }

  @Test
  void acceptsAValidSpecAndCopiesItsCollections() {
    ContainerSpec spec =
        spec(
            "variant-1a2b",
            Map.of("TZ", "UTC"),
            Path.of("/tmp/cm-1-0a0b0c0d/ch.sock"),
            Duration.ofMinutes(10));

    assertThat(spec.environment()).containsExactly(Map.entry("TZ", "UTC"));
    assertThatThrownBy(() -> spec.environment().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnIdOutsideTheAllowedCharacters() {
    assertThatThrownBy(
            () -> spec("Variant_1", Map.of(), Path.of("/tmp/ch.sock"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "container id \"Variant_1\" is invalid: use 1 to 63 characters of a-z, 0-9 and '-'");
  }

  @Test
  void rejectsARelativePath() {
    assertThatThrownBy(() -> spec("v", Map.of(), Path.of("ch.sock"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "channel socket must be an absolute path, was \"ch.sock\": resolve it against the"
                + " module's base directory first");
  }

  @Test
  void rejectsAChannelSocketPathTooLongForUnixSockets() {
    Path channel = Path.of("/tmp/" + "d".repeat(100) + "/ch.sock");

    assertThatThrownBy(() -> spec("v", Map.of(), channel, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "channel socket path "
                + channel
                + " is 113 bytes, but Unix socket paths must be under 108 bytes:"
                + " put it in a short RunDirectory such as /tmp/cm-<pid>-<random>");
  }

  @Test
  void rejectsANonPositiveTimeout() {
    assertThatThrownBy(() -> spec("v", Map.of(), Path.of("/tmp/ch.sock"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout of container v must be positive, was PT0S");
  }

  @Test
  void rejectsTheChannelVariableWhichTheBackendSets() {
    assertThatThrownBy(
            () ->
                spec(
                    "v",
                    Map.of("CONTAINERMATRIX_CHANNEL", "/x"),
                    Path.of("/tmp/ch.sock"),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "environment variable CONTAINERMATRIX_CHANNEL of container v is set by the backend:"
                + " remove it from the spec");
  }

  @Test
  void rejectsAClasspathOptionAmongJvmOptions() {
    assertThatThrownBy(
            () ->
                new JvmCommand(
                    Path.of("/jdk"),
                    List.of(Path.of("/a.jar")),
                    List.of("-cp", "/b.jar"),
                    "Main",
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "JVM option \"-cp\" sets the classpath: put classpath entries in JvmCommand.classpath"
                + " instead");
  }

  @Test
  void rejectsAFileTargetThatIsNotAnAbsoluteNormalizedPath() {
    assertThatThrownBy(() -> new FileMount(Path.of("/src/app.yaml"), "/etc/../app.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "file target must be an absolute, normalized path inside the container such as"
                + " /etc/app/app.yaml, was \"/etc/../app.yaml\"");
  }

  @Test
  void buildsTheEnvironmentFromTheSpecTheChannelAndDefaults() {
    ContainerSpec spec =
        spec("v", Map.of("PATH", "/opt/bin"), Path.of("/tmp/ch.sock"), Duration.ofSeconds(1));

    assertThat(ContainerEnvironment.of(spec, "/run/cm/ch.sock"))
        .containsExactly(
            Map.entry("PATH", "/opt/bin"),
            Map.entry("CONTAINERMATRIX_CHANNEL", "/run/cm/ch.sock"),
            Map.entry("HOME", "/work"),
            Map.entry("LANG", "C.UTF-8"));
  }
}
