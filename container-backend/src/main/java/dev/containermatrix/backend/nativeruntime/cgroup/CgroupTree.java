package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Creation of, processes in and removal of cgroup directories with all their descendant cgroups,
 * bounded in time: killed processes take a moment to leave, and the kernel refuses {@code rmdir}
 * until they have.
 */
final class CgroupTree {

  /** How often {@link #kill} and {@link #remove} look again. */
  private static final long POLL_MILLIS = 10;

  /** How many times they look, so about 5 s in all. */
  private static final int ROUNDS = 500;

  private CgroupTree() {}

  /**
   * Creates {@code directory} and the cgroups above it that are missing.
   *
   * @throws IOException naming the cgroup and the kernel's reason
   */
  static void create(Path directory) throws IOException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IOException("cannot create cgroup " + directory + ": " + ControlFiles.reason(e), e);
    }
  }

  /** Every pid in {@code directories} and the cgroups below them, sorted, without duplicates. */
  static List<Long> pids(List<Path> directories) throws IOException {
    TreeSet<Long> pids = new TreeSet<>();
    for (Path directory : directories) {
      for (Path cgroup : cgroups(directory)) {
        pids.addAll(ControlFiles.pids(cgroup.resolve("cgroup.procs")));
      }
    }
    return List.copyOf(pids);
  }

  /**
   * Sends {@code SIGKILL} to every process in {@code directories} (through {@code cgroup.kill}
   * where cgroup v2 has it) until none is left.
   *
   * @throws IOException if processes are still there after about 5 s, naming them
   */
  static void kill(List<Path> directories) throws IOException {
    long self = ProcessHandle.current().pid();
    for (int round = 0; ; round++) {
      List<Long> pids = pids(directories);
      pids = pids.stream().filter(pid -> pid != self).toList();
      if (pids.isEmpty()) {
        return;
      }
      if (round >= ROUNDS) {
        throw new IOException(
            "processes "
                + pids
                + " are still in the cgroups "
                + directories
                + " after SIGKILL for "
                + ROUNDS * POLL_MILLIS / 1000
                + " s: they may be stuck in the kernel (state D);"
                + " look at /proc/<pid>/stack, and remove the cgroups once they are gone");
      }
      if (round == 0) {
        for (Path directory : directories) {
          Path cgroupKill = directory.resolve("cgroup.kill");
          if (Files.exists(cgroupKill)) {
            ControlFiles.write(cgroupKill, "1");
          }
        }
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      pause();
    }
  }

  /**
   * Removes {@code directory} and the cgroups below it, deepest first; a directory already gone is
   * fine. Retries while the kernel still counts exiting processes in them.
   *
   * @throws IOException if a cgroup still cannot be removed after about 5 s, naming it and the
   *     reason
   */
  static void remove(Path directory) throws IOException {
    for (int round = 0; ; round++) {
      try {
        List<Path> deepestFirst = new ArrayList<>(cgroups(directory));
        Collections.reverse(deepestFirst);
        for (Path cgroup : deepestFirst) {
          try {
            Files.delete(cgroup);
          } catch (NoSuchFileException e) {
            // removed already
          }
        }
        return;
      } catch (FileSystemException e) {
        boolean busy =
            e instanceof DirectoryNotEmptyException
                || "Device or resource busy".equals(e.getReason());
        if (!busy) {
          throw new IOException(
              "cannot remove cgroup " + e.getFile() + ": " + ControlFiles.reason(e), e);
        }
        if (round >= ROUNDS) {
          throw new IOException(
              "cannot remove cgroup "
                  + e.getFile()
                  + ": "
                  + ControlFiles.reason(e)
                  + " after "
                  + ROUNDS * POLL_MILLIS / 1000
                  + " s (it still holds processes "
                  + pids(List.of(directory))
                  + " or child cgroups): kill them and rmdir it by hand",
              e);
        }
        pause();
      }
    }
  }

  /** {@code directory} and every cgroup below it, parents first; empty if it does not exist. */
  static List<Path> cgroups(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> cgroups;
    try (Stream<Path> tree = Files.walk(directory)) {
      cgroups = new ArrayList<>(tree.filter(Files::isDirectory).toList());
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (UncheckedIOException e) {
      if (!Files.isDirectory(directory)) {
        return List.of();
      }
      throw new IOException(
          "cannot list the cgroups under " + directory + ": " + ControlFiles.reason(e.getCause()),
          e.getCause());
    }
    cgroups.sort(Comparator.comparingInt(Path::getNameCount));
    return cgroups;
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for cgroup processes to exit");
    }
  }
}
