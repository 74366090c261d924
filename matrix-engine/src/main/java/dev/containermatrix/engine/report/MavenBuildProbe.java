package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Finds the Maven build a process belongs to: the nearest of the process and its ancestors whose
 * command line runs Maven's launcher ({@code org.codehaus.plexus.classworlds.launcher.Launcher}).
 * Surefire and Failsafe forks, and JVMs they start, are its descendants; in a build without forks
 * it is the process itself. The build's id is {@code <pid>-<start time>}, the start time being
 * field 22 of {@code /proc/<pid>/stat} (clock ticks since boot), so a later process that reuses the
 * pid is another build.
 *
 * <p>Reads {@code procRoot} ({@code /proc} outside tests). Where there is no such ancestor (an IDE,
 * the console launcher, Gradle) or no {@code /proc} (not Linux), there is no Maven build.
 */
@API(status = INTERNAL, since = "0.1")
public final class MavenBuildProbe {
  /**
   * Joined at run time, not a literal: junit-extension's shaded jar relocates {@code
   * org.codehaus.plexus}, and the shade plugin rewrites string literals that name a relocated
   * package too, so a literal would look for {@code dev.containermatrix.shaded.org.codehaus…} on
   * Maven's command line and never find a build.
   */
  static final String LAUNCHER =
      String.join(".", "org", "codehaus", "plexus", "classworlds", "launcher", "Launcher");

  /** Ancestors looked at, at most: a loop in a fake or changing tree must end. */
  private static final int MAX_DEPTH = 128;

  private final Path procRoot;

  public MavenBuildProbe(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The id of the Maven build process {@code pid} belongs to, or empty if it belongs to none. */
  Optional<String> buildId(long pid) {
    return launcher(pid).map(l -> l.pid() + "-" + l.startTime());
  }

  /**
   * The arguments Maven was started with ({@code -q}, goals, {@code -D…}: its command line after
   * the launcher class) in the build process {@code pid} belongs to; empty if it belongs to none.
   */
  public Optional<List<String>> launcherArguments(long pid) {
    return launcher(pid).map(Launcher::arguments);
  }

  /** The nearest of {@code pid} and its ancestors that runs Maven's launcher. */
  private Optional<Launcher> launcher(long pid) {
    long current = pid;
    for (int depth = 0; depth < MAX_DEPTH && current > 0; depth++) {
      Optional<String[]> stat = stat(current);
      if (stat.isEmpty()) {
        return Optional.empty();
      }
      List<String> cmdline = cmdline(current);
      int at = 0;
      while (at < cmdline.size() && !cmdline.get(at).contains(LAUNCHER)) {
        at++;
      }
      if (at < cmdline.size()) {
        return Optional.of(
            new Launcher(current, stat.get()[19], cmdline.subList(at + 1, cmdline.size())));
      }
      current = Long.parseLong(stat.get()[1]);
    }
    return Optional.empty();
  }

  /** A Maven launcher process: its pid, start time (clock ticks since boot) and arguments. */
  private record Launcher(long pid, String startTime, List<String> arguments) {}

  /** The process's command line, one entry per argument; empty if unreadable. */
  private List<String> cmdline(long pid) {
    try {
      String cmdline =
          new String(
              Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve("cmdline")),
              StandardCharsets.UTF_8);
      return List.copyOf(Arrays.asList(cmdline.split("\0")));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The fields of {@code /proc/<pid>/stat} after the command name (which may hold spaces and
   * parentheses, so the fields start after the last {@code ')'}): index 0 is field 3 (state), index
   * 1 field 4 (parent pid), index 19 field 22 (start time). Empty if unreadable or malformed.
   */
  private Optional<String[]> stat(long pid) {
    try {
      String stat =
          Files.readString(
              procRoot.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      int end = stat.lastIndexOf(')');
      if (end < 0) {
        return Optional.empty();
      }
      String[] fields = stat.substring(end + 1).trim().split(" +");
      if (fields.length < 20 || !fields[1].matches("\\d+") || !fields[19].matches("\\d+")) {
        return Optional.empty();
      }
      return Optional.of(fields);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
