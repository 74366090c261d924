package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One named set of resource limits. Absent limits are not set.
 *
 * @param cpus CPU quota in CPUs, e.g. 1.5
 * @param memoryBytes memory limit (no swap)
 * @param pids most processes/threads
 * @param nofile most open files
 * @param cpuset CPUs to pin to, in the kernel's list format ({@code 0-1,3})
 */
@API(status = INTERNAL, since = "0.1")
public record ResourceProfile(
    String name,
    Optional<Double> cpus,
    OptionalLong memoryBytes,
    OptionalLong pids,
    OptionalLong nofile,
    Optional<String> cpuset,
    Origin origin) {

  public ResourceProfile {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(cpus, "cpus");
    Objects.requireNonNull(memoryBytes, "memoryBytes");
    Objects.requireNonNull(pids, "pids");
    Objects.requireNonNull(nofile, "nofile");
    Objects.requireNonNull(cpuset, "cpuset");
    if (name == null || name.isBlank()) {
      throw new MatrixDefinitionException(
          origin, "a resources entry needs a name, e.g. name = \"small\"");
    }
    cpus.ifPresent(
        c -> {
          if (!(c > 0) || c.isInfinite()) {
            throw new MatrixDefinitionException(origin, "cpus must be a positive number, was " + c);
          }
        });
    memoryBytes.ifPresent(m -> positive(m, "memory", origin));
    pids.ifPresent(p -> positive(p, "pids", origin));
    nofile.ifPresent(n -> positive(n, "nofile", origin));
    cpuset.ifPresent(
        s -> {
          if (!s.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            throw new MatrixDefinitionException(
                origin, "cpuset '" + s + "' is not a CPU list such as '0', '0-1' or '0,2-3'");
          }
        });
  }

  private static void positive(long value, String what, Origin origin) {
    if (value <= 0) {
      throw new MatrixDefinitionException(origin, what + " must be positive, was " + value);
    }
  }

  /** True when no limit at all is set. */
  public boolean isUnlimited() {
    return cpus.isEmpty()
        && memoryBytes.isEmpty()
        && pids.isEmpty()
        && nofile.isEmpty()
        && cpuset.isEmpty();
  }
}
