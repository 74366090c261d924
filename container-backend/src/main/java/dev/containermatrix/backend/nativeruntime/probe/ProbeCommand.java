package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A short command run to find out what the host allows, with stdin from {@code /dev/null}, stdout
 * and stderr together in a temporary file, and a time limit after which it and its children are
 * killed, so a hung probe cannot hang its caller.
 *
 * @param argv the program and its arguments
 */
@API(status = INTERNAL, since = "0.1")
public record ProbeCommand(List<String> argv) {

  private static final int MAX_OUTPUT_CHARS = 2000;

  public ProbeCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a probe command needs a program to run");
    }
  }

  public static ProbeCommand of(String... argv) {
    return new ProbeCommand(List.of(argv));
  }

  /**
   * Runs the command for at most {@code timeout}; never throws for a command that fails or hangs.
   */
  public ProbeResult run(Duration timeout) throws InterruptedException {
    Path output;
    try {
      output = Files.createTempFile("containermatrix-probe", ".out");
    } catch (IOException e) {
      return ProbeResult.notStarted(this, "no temporary file for its output: " + e.getMessage());
    }
    try {
      Process process;
      try {
        process =
            new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
      } catch (IOException e) {
        return ProbeResult.notStarted(this, e.getMessage());
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ProbeResult.timedOut(this, timeout, read(output));
      }
      return ProbeResult.exited(this, process.exitValue(), read(output));
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // a leftover file in the temporary directory is harmless; the probe's answer matters more
      }
    }
  }

  /** The command as a shell would show it, for messages. */
  @Override
  public String toString() {
    return String.join(" ", argv);
  }

  private static String read(Path output) {
    try {
      String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
      return text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) + "…" : text;
    } catch (IOException e) {
      return "";
    }
  }
}
