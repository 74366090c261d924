package dev.containermatrix.backend.hostprocess;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ExitStatus;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a backend adds to a host process's life: how to read its exit (an OOM kill looks like any
 * SIGKILL until the cgroup is asked), what else to kill, and what to release once it has ended.
 */
@API(status = INTERNAL, since = "0.1")
public interface Teardown {

  /** Nothing to add: a plain host process. */
  Teardown NONE = new Teardown() {};

  /**
   * Rewrites the raw exit status, e.g. into {@link ExitStatus.Reason#OUT_OF_MEMORY}. The default
   * keeps it.
   */
  default ExitStatus interpret(ExitStatus status) {
    return status;
  }

  /** Kills processes of the container that the process tree walk cannot reach; returns how many. */
  default int killRemaining() {
    return 0;
  }

  /**
   * Releases what the container held (directories, cgroups); called exactly once, after it ended.
   */
  default void release() {}

  /** The limits of the spec that this container does not enforce, one sentence each. */
  default List<String> notEnforced() {
    return List.of();
  }

  /**
   * The CPU time the container's processes used, read after it ended and before {@link #release()};
   * empty when unknown. The default returns empty.
   */
  default java.util.Optional<java.time.Duration> cpuTime() {
    return java.util.Optional.empty();
  }

  /**
   * The container's peak memory use in bytes, read after it ended and before {@link #release()};
   * empty when unknown. The default returns empty.
   */
  default java.util.OptionalLong peakMemory() {
    return java.util.OptionalLong.empty();
  }
}
