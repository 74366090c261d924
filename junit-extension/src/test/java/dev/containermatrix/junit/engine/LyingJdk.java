package dev.containermatrix.junit.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake JDK at {@link #HOME} whose {@code bin/java} runs this test JVM's java with {@code
 * LyingAgent} in place of {@code AgentMain}: an agent that breaks its event stream on purpose, run
 * by the process backend like any variant. {@code @JdkAxis} takes only absolute paths, hence the
 * fixed place under /tmp; it is rewritten whole (into a temp dir, then renamed) by each test that
 * uses it.
 */
final class LyingJdk {
  static final String HOME = "/tmp/containermatrix-test-lying-jdk";

  private LyingJdk() {}

  static void install() throws IOException {
    Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
    Path home = Path.of(HOME);
    Path fresh = Files.createTempDirectory(home.getParent(), "containermatrix-test-lying-jdk-");
    Files.copy(Path.of(System.getProperty("java.home"), "release"), fresh.resolve("release"));
    Path java = Files.createDirectories(fresh.resolve("bin")).resolve("java");
    Files.writeString(
        java,
        String.join(
            "\n",
            "#!/bin/sh",
            "# the process backend's java, with LyingAgent as the main class instead of AgentMain",
            "for arg do",
            "  shift",
            "  [ \"$arg\" = dev.containermatrix.junit.agent.AgentMain ] &&"
                + " arg=dev.containermatrix.junit.agent.LyingAgent",
            "  set -- \"$@\" \"$arg\"",
            "done",
            "exec '" + realJava + "' \"$@\"",
            ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (Files.isDirectory(home)) {
      Path old =
          Files.move(
              home,
              home.resolveSibling(fresh.getFileName() + ".old"),
              StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    }
    Files.move(fresh, home, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
