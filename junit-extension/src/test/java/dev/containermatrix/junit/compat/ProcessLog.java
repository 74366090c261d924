package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The log of a child process these tests start (a fixture build, a console launcher): it begins
 * with where and what ran, then the process's stdout and stderr.
 */
final class ProcessLog {
  private ProcessLog() {}

  /**
   * Starts {@code command} in {@code directory}, stdin from /dev/null, its output appended to
   * {@code log}.
   */
  static Process start(List<String> command, Path directory, Path log) throws IOException {
    return start(command, Map.of(), directory, log);
  }

  /**
   * Starts {@code command} as {@link #start(List, Path, Path)} does, with {@code environment} added
   * to this JVM's environment (the log names them).
   */
  static Process start(
      List<String> command, Map<String, String> environment, Path directory, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    StringBuilder header = new StringBuilder("# in " + directory + "\n");
    environment.forEach((k, v) -> header.append("# ").append(k).append('=').append(v).append('\n'));
    Files.writeString(log, header + "# " + String.join(" ", command) + "\n");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return builder
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  /**
   * The last {@code lines} lines of {@code log}; {@code what} names the run in the error if it
   * cannot be read.
   */
  static String tail(Path log, int lines, String what) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + what + ": " + log, e);
    }
  }
}
