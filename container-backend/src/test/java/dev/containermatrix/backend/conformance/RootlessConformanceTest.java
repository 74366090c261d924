package dev.containermatrix.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the native conformance suite as the unprivileged user {@code cmtest} (created if missing),
 * switching to it with {@code setpriv}, so rootless containers are tested for real wherever the
 * tests run as root (CI does).
 */
class RootlessConformanceTest {
  private static final String USER = "cmtest";

  @TempDir Path temp;

  @Test
  void theNativeConformanceSuitePassesAsAnUnprivilegedUser() throws Exception {
    HostRequirements.require(NativeTestSupport.isRoot(), "switching to an unprivileged user needs root");
    run(List.of("sh", "-c", "id -u " + USER + " >/dev/null 2>&1 || useradd --system --no-create-home " + USER));
    Path shared = Files.createTempDirectory(Path.of("/var/tmp"), "cm-rootless-");
    try {
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path scratch = Files.createDirectories(shared.resolve("scratch"));
      run(List.of("chown", USER + ":" + USER, scratch.toString()));
      String classpath = readableClasspath(shared.resolve("cp"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path log = temp.resolve("rootless.log");
      List<String> command = List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--reset-env",
          "--", java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-Dcontainermatrix.test.scratch=" + scratch, "-Djava.io.tmpdir=/tmp", "-cp", classpath,
          RootlessSuiteMain.class.getName());
      Process process = new ProcessBuilder(command).directory(shared.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      boolean ended = process.waitFor(10, TimeUnit.MINUTES);
      String output = Files.readString(log);
      System.out.println("rootless conformance run as " + USER + ":\n" + output);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as("the rootless suite ended within 10 minutes").isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("tests successful");
    } finally {
      run(List.of("rm", "-rf", shared.toString()));
    }
  }

  /** This JVM's classpath, copied where {@code cmtest} can read it (root's home is private). */
  private static String readableClasspath(Path target) throws IOException {
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = target.resolve(i++ + "-" + source.getFileName());
      copyReadable(source, copy);
      entries.add(copy.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void copyReadable(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    setReadable(target.getParent(), true);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = source.equals(path) ? target : target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          setReadable(copy, true);
        } else {
          Files.copy(path, copy);
          setReadable(copy, false);
        }
      }
    }
  }

  private static void setReadable(Path path, boolean directory) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
  }
}
