package dev.containermatrix.backend.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A launched container. Thread-safe: one thread may wait in {@link #awaitExit()} while another
 * calls {@link #cancel(String)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ContainerHandle extends AutoCloseable {

  /**
   * The host pid of the container's JVM (or of the process that stands for it, for remote engines).
   */
  long pid();

  /**
   * Blocks until the container's JVM exits, or until the spec's timeout has passed since launch; in
   * the latter case the whole process tree is killed first and the status is {@link
   * ExitStatus.Reason#TIMED_OUT}. Returns the same status every time it is called.
   */
  ExitStatus awaitExit() throws InterruptedException;

  /**
   * Kills the container's whole process tree and returns once it is gone; the exit is then reported
   * as {@link ExitStatus.Reason#CANCELLED} with {@code reason}. Does nothing if the container has
   * already exited or is being killed.
   */
  void cancel(String reason);

  /** The file the container's standard output goes to. */
  Path stdout();

  /** The file the container's standard error goes to. */
  Path stderr();

  /** Kills anything of the container that still runs and releases its resources. Idempotent. */
  @Override
  void close();

  /**
   * The limits of the spec that this container does not enforce (for example a rootless container
   * on a host that delegates no cgroups), one sentence each naming the limit and why; empty when
   * every limit holds. The default implementation returns an empty list.
   */
  default java.util.List<String> notEnforced() {
    return java.util.List.of();
  }

  /**
   * The CPU time (user + system) the container's processes used, once it has exited: the native
   * backend reads it from the container's cgroup. Empty while it runs, and where the backend cannot
   * measure it (no cgroup it may create, or the process backend). The default implementation
   * returns empty.
   */
  default java.util.Optional<java.time.Duration> cpuTime() {
    return java.util.Optional.empty();
  }

  /**
   * The most memory the container's processes used at once, in bytes, once it has exited: the
   * native backend reads its memory cgroup's high-water mark (v1 {@code memory.max_usage_in_bytes},
   * v2 {@code memory.peak}). Empty while it runs, and where the backend cannot measure it (no
   * memory cgroup, a v2 kernel before 5.19 without {@code memory.peak}, the docker and process
   * backends). The default implementation returns empty.
   */
  default java.util.OptionalLong peakMemory() {
    return java.util.OptionalLong.empty();
  }
}
