package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /info} says of the engine's host.
 *
 * @param name the host name of the machine (or VM) the engine runs on
 * @param operatingSystem its operating system, e.g. {@code Debian GNU/Linux 12 (bookworm)} or
 *     {@code Docker Desktop}
 * @param limits which limits the engine says it can enforce; a rootless Podman on cgroup v1, for
 *     one, accepts limits and ignores them
 */
record EngineInfo(String name, String operatingSystem, Enforces limits) {
  EngineInfo {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(operatingSystem, "operatingSystem must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
  }

  EngineInfo(String name, String operatingSystem) {
    this(name, operatingSystem, Enforces.ALL);
  }

  /**
   * The engine's {@code MemoryLimit}, {@code SwapLimit}, {@code CpuCfsQuota}, {@code PidsLimit} and
   * {@code CPUSet}; an engine that does not say is taken at its word that it does.
   */
  record Enforces(boolean memory, boolean swap, boolean cpus, boolean pids, boolean cpuset) {
    static final Enforces ALL = new Enforces(true, true, true, true, true);

    /** One sentence per limit of {@code limits} this engine does not enforce. */
    List<String> missing(ResourceLimits limits, String engine) {
      List<String> out = new ArrayList<>();
      String why = " is not enforced: the Docker engine at " + engine + " says it cannot (";
      if (limits.memoryBytes().isPresent() && !memory) {
        out.add("memory" + why + "MemoryLimit false)");
      } else if (limits.memoryBytes().isPresent() && !swap) {
        out.add("memory without swap" + why + "SwapLimit false), so the variant may swap");
      }
      if (limits.cpus().isPresent() && !cpus) {
        out.add("cpus" + why + "CpuCfsQuota false)");
      }
      if (limits.pids().isPresent() && !pids) {
        out.add("pids" + why + "PidsLimit false)");
      }
      if (limits.cpuset().isPresent() && !cpuset) {
        out.add("cpuset" + why + "CPUSet false)");
      }
      return out;
    }
  }
}
