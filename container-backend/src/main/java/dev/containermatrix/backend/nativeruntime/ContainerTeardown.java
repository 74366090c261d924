package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.hostprocess.Teardown;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** The host-side remains of one native container: its cgroups and its directory. */
final class ContainerTeardown implements Teardown {
  private final Path directory;
  private final NativeLimits limits;
  private final ContainerSpec spec;
  private final PendingTeardowns pending;
  private final AtomicBoolean released = new AtomicBoolean();

  ContainerTeardown(
      Path directory, NativeLimits limits, ContainerSpec spec, PendingTeardowns pending) {
    this.directory = directory;
    this.limits = limits;
    this.spec = spec;
    this.pending = pending;
  }

  /** A SIGKILL in a cgroup whose memory controller counted an OOM kill is an out-of-memory exit. */
  @Override
  public ExitStatus interpret(ExitStatus status) {
    if (status.reason() == ExitStatus.Reason.KILLED_BY_SIGNAL
        && status.exitCode() == 128 + 9
        && limits.oomKilled()) {
      return ExitStatus.outOfMemory(status.exitCode(), spec.limits().memoryBytes().orElse(0));
    }
    return status;
  }

  /**
   * What the container's pid 1 reported when its command ended ({@link CpuTimes}); read before
   * {@link #release()}.
   */
  @Override
  public Optional<Duration> cpuTime() {
    return CpuTimes.read(directory.resolve(CpuTimes.FILE_NAME));
  }

  /** The high-water mark of the container's memory cgroup; read before {@link #release()}. */
  @Override
  public java.util.OptionalLong peakMemory() {
    return limits.peakMemory();
  }

  @Override
  public int killRemaining() {
    return limits.killRemaining();
  }

  @Override
  public List<String> notEnforced() {
    return limits.notEnforced();
  }

  /** Kills what is left in the cgroups and deletes the directory, in the background. */
  @Override
  public void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    pending.submit(
        () -> {
          try {
            limits.release();
          } finally {
            deleteTree(directory);
          }
        });
  }

  /**
   * Deletes the container's directory. Its mounts end with its last process, a moment after the
   * kill returns, so a busy directory is retried briefly; what still cannot be deleted is left to
   * the run directory's removal or the next run's reaper.
   */
  static void deleteTree(Path root) {
    for (int attempt = 0; ; attempt++) {
      try {
        RunDirectory.deleteRecursively(root);
        return;
      } catch (UncheckedIOException e) {
        if (attempt >= 20) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
      }
    }
  }
}
