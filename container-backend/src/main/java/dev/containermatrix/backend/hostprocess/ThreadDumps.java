package dev.containermatrix.backend.hostprocess;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Asks the JVMs of a container that is about to be killed at its timeout for a thread dump, so its
 * output says where it stopped.
 *
 * <p>A HotSpot JVM answers {@code SIGQUIT} by printing every thread's stack to its standard output,
 * ending with a {@code JNI global refs} line, and goes on running. Only the processes in the
 * container's tree whose executable is named {@code java} are signalled: {@code SIGQUIT} ends any
 * other process (a shell, {@code unshare}) at once. The signal goes through {@code kill(1)}, as
 * Java has no call for it; the host pid works for a JVM inside a pid namespace too.
 */
@API(status = INTERNAL, since = "0.1")
public final class ThreadDumps {
  /** How long the JVMs get to print their dumps before they are killed anyway. */
  static final Duration WAIT = Duration.ofSeconds(3);

  private static final String DUMP_END = "JNI global refs";

  private ThreadDumps() {}

  /**
   * Signals every JVM in {@code root}'s tree and waits (at most {@link #WAIT}) until {@code stdout}
   * holds as many finished dumps more than before.
   *
   * @return whether every signalled JVM finished its dump in time; false when there was no JVM
   */
  static boolean dump(ProcessHandle root, Path stdout) {
    List<ProcessHandle> jvms =
        Stream.concat(Stream.of(root), root.descendants()).filter(ThreadDumps::isJvm).toList();
    long before = finishedDumps(stdout);
    int signalled = 0;
    for (ProcessHandle jvm : jvms) {
      if (quit(jvm.pid())) {
        signalled++;
      }
    }
    return signalled > 0 && awaitDumps(before + signalled, stdout);
  }

  /**
   * Waits (at most {@link #WAIT}) until {@code logs} hold {@code dumps} finished thread dumps
   * between them.
   *
   * @return whether they did in time
   */
  public static boolean awaitDumps(long dumps, Path... logs) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (finishedDumps(logs) >= dumps) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return false;
  }

  private static boolean isJvm(ProcessHandle process) {
    return process.isAlive()
        && process
            .info()
            .command()
            .map(command -> command.equals("java") || command.endsWith("/java"))
            .orElse(false);
  }

  private static boolean quit(long pid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false; // no kill(1) on this host: the variant is killed without a dump
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many thread dumps {@code logs} hold to their end, between them. */
  public static long finishedDumps(Path... logs) {
    long dumps = 0;
    for (Path log : logs) {
      try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
        dumps += lines.filter(line -> line.startsWith(DUMP_END)).count();
      } catch (IOException | java.io.UncheckedIOException e) {
        // no such log yet: no dump in it
      }
    }
    return dumps;
  }
}
