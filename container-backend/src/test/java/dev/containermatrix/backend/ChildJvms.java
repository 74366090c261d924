package dev.containermatrix.backend;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JVMs a test starts on its own classpath, as Surefire forks and concurrent builds are separate
 * JVMs sharing a store or a report directory. Register it with {@code @RegisterExtension}: every
 * child still alive when the test ends is killed (SIGKILL) and reaped, whether the test passed or
 * not.
 */
public final class ChildJvms implements AfterEachCallback {
  /**
   * How long a test waits for a child's step, at most: the children start cold JVMs on a noisy
   * host.
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final List<Process> children = new ArrayList<>();

  /**
   * Starts {@code main} with {@code args} in a JVM of the test's own Java and classpath, its stdout
   * and stderr going to {@code output}.
   */
  public Process start(Path output, Class<?> main, String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    children.add(process);
    return process;
  }

  /** What a child wrote to {@code output} so far; empty before it wrote anything. */
  public static String output(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output, UTF_8) : "";
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor();
    }
    children.clear();
  }
}
