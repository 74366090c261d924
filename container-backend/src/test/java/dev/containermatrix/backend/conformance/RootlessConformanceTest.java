package dev.containermatrix.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.UnprivilegedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the native conformance suite as the unprivileged user {@code cmtest} (created if missing),
 * switching to it with {@code setpriv}, so rootless containers are tested for real wherever the
 * tests run as root (CI does).
 */
class RootlessConformanceTest {
  private static final String USER = UnprivilegedUser.NAME;

  @TempDir Path temp;

  @Test
  void theNativeConformanceSuitePassesAsAnUnprivilegedUser() throws Exception {
    UnprivilegedUser.Workspace workspace = UnprivilegedUser.workspace("cm-rootless-");
    Path shared = workspace.root();
    try {
      Path log = temp.resolve("rootless.log");
      List<String> command =
          workspace.javaCommand(
              List.of(
                  "-Dcontainermatrix.test.scratch=" + workspace.owned(), "-Djava.io.tmpdir=/tmp"),
              RootlessSuiteMain.class.getName(),
              List.of());
      Process process = UnprivilegedUser.start(command, shared, log);
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
      UnprivilegedUser.run(List.of("rm", "-rf", shared.toString()));
    }
  }
}
