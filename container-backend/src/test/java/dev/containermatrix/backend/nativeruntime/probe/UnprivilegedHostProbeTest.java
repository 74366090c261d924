package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.UnprivilegedUser;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the probe in a JVM of the unprivileged user {@code cmtest} (created if missing), which needs
 * root to set up and to switch to.
 */
class UnprivilegedHostProbeTest {

  private static final String USER = "cmtest";
  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir Path temp;

  @Test
  void probesAsAnUnprivilegedUserAndRunsRootless() throws Exception {
    HostCapabilities asRoot = HostProbe.capabilities();
    HostRequirements.require(
        asRoot.root(), "creating user " + USER + " and switching to it needs root");
    String uid = userId();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    HostRequirements.require(
        asUser("test", "-x", java.toString()).succeeded(),
        "user "
            + USER
            + " cannot run this JDK's "
            + java
            + "; run the tests with a JDK outside private directories");

    List<String> command =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + USER,
                "--regid=" + USER,
                "--init-groups",
                "--reset-env",
                "--",
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                classpathFor(USER),
                PrintCapabilitiesMain.class.getName()));
    ProbeResult result = new ProbeCommand(command).run(LIMIT);
    System.out.println("host capabilities as " + USER + ":\n" + result.output());

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    Map<String, String> lines = keyValues(result.output());
    assertThat(lines)
        .containsEntry("uid", uid)
        .containsEntry("root", "false")
        .containsEntry("rootless", "true")
        .containsEntry("kernelRelease", asRoot.kernelRelease().orElse("unknown"))
        .containsEntry("utilLinux", asRoot.utilLinuxVersion().map(String::valueOf).orElse("none"));
    if (asRoot.ipCommand().isPresent()) {
      assertThat(lines.get("ipCommand"))
          .as("ip, which root finds at " + asRoot.ipCommand().get())
          .isNotEqualTo("none");
    }
    assertThat(lines.get("canRunNative"))
        .isEqualTo(String.valueOf(!result.output().contains("missing=")));
  }

  private static String userId() throws Exception {
    ProbeResult id = ProbeCommand.of("id", "-u", USER).run(LIMIT);
    if (!id.succeeded()) {
      ProbeResult added =
          ProbeCommand.of("useradd", "--system", "--no-create-home", USER).run(LIMIT);
      id = ProbeCommand.of("id", "-u", USER).run(LIMIT);
      assertThat(id.succeeded()).as("creating user " + USER + ": " + added.describe()).isTrue();
    }
    return id.output().strip();
  }

  private static ProbeResult asUser(String... argv) throws InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--"));
    command.addAll(List.of(argv));
    return new ProbeCommand(command).run(LIMIT);
  }

  /**
   * The classes of the probe and of {@link PrintCapabilitiesMain}, where they are if {@code user}
   * can read them there, else copied to a directory anyone can read.
   */
  private String classpathFor(String user) throws Exception {
    List<Path> roots =
        List.of(
            TestSpecs.codeSourceOf(HostProbe.class),
            TestSpecs.codeSourceOf(PrintCapabilitiesMain.class));
    boolean readable =
        asUser("test", "-r", classFile(roots.get(0), HostProbe.class).toString()).succeeded()
            && asUser("test", "-r", classFile(roots.get(1), PrintCapabilitiesMain.class).toString())
                .succeeded();
    if (readable) {
      return roots.get(0) + ":" + roots.get(1);
    }
    System.out.println(
        "the test classes are not readable by " + user + "; copying them to " + temp);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> copies = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      Path copy = temp.resolve("classpath-" + i);
      UnprivilegedUser.copyReadable(roots.get(i), copy);
      copies.add(copy.toString());
    }
    return String.join(":", copies);
  }

  private static Path classFile(Path root, Class<?> type) {
    return root.resolve(type.getName().replace('.', '/') + ".class");
  }

  private static Map<String, String> keyValues(String output) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("missing=")) {
        out.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return out;
  }
}
