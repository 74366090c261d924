package dev.containermatrix.backend.nativeruntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's CPU time as its pid 1 shell reports it with the {@code times} builtin when its
 * command has ended: the shell's own and its waited-for children's (mount, ip, unshare, the JVM and
 * all they waited for) user and system time. A shell that was killed writes nothing, and the time
 * is unknown.
 *
 * <p>Chosen over a per-container accounting cgroup, which costs a task migration (about 11 ms per
 * container here, measured with bench/native-overhead.sh) on every launch.
 */
final class CpuTimes {
  /** The file in the container's directory the shell writes. */
  static final String FILE_NAME = "cpu-times";

  private static final Pattern TIME = Pattern.compile("(\\d+)m(\\d+(?:\\.\\d+)?)s");

  private CpuTimes() {}

  /**
   * The shell command that writes the times to file descriptor 5, which pid 1 opened on the file
   * before its root moved away from the host's.
   */
  static String command() {
    return "{ times >&5; } 2>/dev/null";
  }

  /**
   * The sum of the four times in {@code file}; empty if it is missing or not what {@code times}
   * prints.
   */
  static Optional<Duration> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    return parse(text);
  }

  static Optional<Duration> parse(String text) {
    Matcher m = TIME.matcher(text);
    long nanos = 0;
    int found = 0;
    while (m.find()) {
      nanos +=
          Long.parseLong(m.group(1)) * 60_000_000_000L
              + Math.round(Double.parseDouble(m.group(2)) * 1e9);
      found++;
    }
    return found == 4 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }
}
