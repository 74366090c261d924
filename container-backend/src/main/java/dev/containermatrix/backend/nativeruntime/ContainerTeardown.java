package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.hostprocess.Teardown;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The host-side remains of one native container: its cgroups and its directory. */
final class ContainerTeardown implements Teardown {
  private final Path directory;
  private final NativeLimits limits;
  private final ContainerSpec spec;
  private final AtomicBoolean released = new AtomicBoolean();

  ContainerTeardown(Path directory, NativeLimits limits, ContainerSpec spec) {
    this.directory = directory;
    this.limits = limits;
    this.spec = spec;
  }

  /** A SIGKILL in a cgroup whose memory controller counted an OOM kill is an out-of-memory exit. */
  @Override
  public ExitStatus interpret(ExitStatus status) {
    if (status.reason() == ExitStatus.Reason.KILLED_BY_SIGNAL && status.exitCode() == 128 + 9 && limits.oomKilled()) {
      return ExitStatus.outOfMemory(status.exitCode(), spec.limits().memoryBytes().orElse(0));
    }
    return status;
  }

  @Override
  public int killRemaining() {
    return limits.killRemaining();
  }

  @Override
  public List<String> notEnforced() {
    return limits.notEnforced();
  }

  @Override
  public void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      limits.release();
    } finally {
      deleteTree(directory);
    }
  }

  /** Deletes a tree without following links; what cannot be deleted is left for the reaper. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          // overlayfs leaves its work/work directory with mode 000
          if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            try {
              Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            } catch (IOException | UnsupportedOperationException e) {
              return FileVisitResult.SKIP_SUBTREE;
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // left for the reaper: the run directory goes when its owner is gone
    }
  }
}
