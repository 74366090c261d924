package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A process as a pid plus its start time, so a reused pid is told apart from the process that once
 * had it.
 *
 * @param pid the process id
 * @param start the start time: {@code proc:<ticks since boot>} from field 22 of {@code
 *     /proc/<pid>/stat}, or {@code instant:<epoch millis>} where there is no {@code /proc}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProcessIdentity(long pid, String start) {

  /** Where the kernel's process table is read. */
  public static final Path PROC = Path.of("/proc");

  public ProcessIdentity {
    Objects.requireNonNull(start, "start");
    if (pid <= 0 || !start.matches("(proc|instant):\\d+")) {
      throw new IllegalArgumentException(
          "a process identity is a positive pid and a start of proc:<ticks> or instant:<millis>,"
              + " was pid "
              + pid
              + " start "
              + start);
    }
  }

  /** This JVM. */
  public static ProcessIdentity current() {
    return of(ProcessHandle.current().pid(), PROC)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot read the start time of this JVM (pid "
                        + ProcessHandle.current().pid()
                        + ") from "
                        + PROC));
  }

  /**
   * The live process {@code pid}, read from {@code procRoot} (a test may pass a fake tree).
   *
   * @return empty if there is no such process or it is a zombie
   */
  public static Optional<ProcessIdentity> of(long pid, Path procRoot) {
    if (!Files.isDirectory(procRoot)) {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(handle -> handle.info().startInstant())
          .map(instant -> new ProcessIdentity(pid, "instant:" + instant.toEpochMilli()));
    }
    String stat;
    try {
      stat = Files.readString(procRoot.resolve(Long.toString(pid)).resolve("stat"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // the process ended while its stat was read
      return Optional.empty();
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last
    // ')'
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
      return Optional.empty();
    }
    return Optional.of(new ProcessIdentity(pid, "proc:" + fields[19]));
  }
}
