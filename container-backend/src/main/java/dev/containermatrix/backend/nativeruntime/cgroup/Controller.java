package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A cgroup controller that enforces one kind of {@link ResourceLimits}, in the order limits are
 * described.
 */
@API(status = INTERNAL, since = "0.1")
public enum Controller {
  CPU("cpu", "cpus"),
  MEMORY("memory", "memory"),
  PIDS("pids", "pids"),
  CPUSET("cpuset", "cpuset");

  private final String kernelName;
  private final String limitName;

  Controller(String kernelName, String limitName) {
    this.kernelName = kernelName;
    this.limitName = limitName;
  }

  /**
   * The controller's name in {@code /proc/self/cgroup}, mount options and {@code
   * cgroup.controllers}.
   */
  public String kernelName() {
    return kernelName;
  }

  /**
   * The limit it enforces, as {@link ResourceLimits#describe()} names it: cpus, memory, pids,
   * cpuset.
   */
  public String limitName() {
    return limitName;
  }

  /**
   * The limit of {@code limits} this controller enforces, described as {@code memory=64 MiB}; empty
   * if unset.
   */
  Optional<String> describe(ResourceLimits limits) {
    ResourceLimits none = ResourceLimits.none();
    return switch (this) {
      case CPU -> limits.cpus().map(c -> none.withCpus(c).describe().get(0));
      case MEMORY ->
          limits.memoryBytes().isPresent()
              ? Optional.of(
                  none.withMemoryBytes(limits.memoryBytes().getAsLong()).describe().get(0))
              : Optional.empty();
      case PIDS ->
          limits.pids().isPresent()
              ? Optional.of(none.withPids(limits.pids().getAsLong()).describe().get(0))
              : Optional.empty();
      case CPUSET -> limits.cpuset().map(s -> none.withCpuset(s).describe().get(0));
    };
  }
}
