package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one container's limits are enforced: by its cgroups where the host lets us write them, else
 * by rlimits and CPU affinity; and how its JVM is told about them ({@code
 * -XX:ActiveProcessorCount}, {@code -XX:MaxRAM}), since a JVM in a container without {@code
 * /sys/fs/cgroup} cannot read them.
 */
final class NativeLimits {
  private final ResourceLimits limits;
  private final CgroupPlacement cgroups;
  private final List<String> notEnforced = new ArrayList<>();
  private final boolean affinityByTaskset;

  private NativeLimits(ResourceLimits limits, CgroupPlacement cgroups) {
    this.limits = limits;
    this.cgroups = cgroups;
    notEnforced.addAll(cgroups.notEnforced());
    this.affinityByTaskset = limits.cpuset().isPresent() && !cgroups.enforcesCpuset();
  }

  static NativeLimits apply(ResourceLimits limits, NativeHost host, String cgroupName) {
    return new NativeLimits(limits, CgroupPlacement.create(cgroupName, limits, host.cgroups()));
  }

  /** Adds the cgroup joins, rlimits and affinity to the launch script. */
  LaunchScript configure(LaunchScript script) {
    cgroups.procsFiles().forEach(script::joinCgroup);
    limits.nofile().ifPresent(n -> script.rlimit("-n", n));
    if (affinityByTaskset) {
      script.affinity(limits.cpuset().orElseThrow());
    }
    return script;
  }

  /** The command with the JVM's view of the limits added in front of the variant's own options. */
  JvmCommand withJvmView(JvmCommand command) {
    List<String> options = new ArrayList<>();
    processors().ifPresent(n -> options.add("-XX:ActiveProcessorCount=" + n));
    limits.memoryBytes().ifPresent(m -> options.add("-XX:MaxRAM=" + m));
    if (options.isEmpty()) {
      return command;
    }
    options.addAll(command.jvmOptions());
    return command.withClasspathAndOptions(command.classpath(), options);
  }

  /** The CPU count the JVM should see: the quota rounded up, at most the pinned CPUs. */
  OptionalInt processors() {
    OptionalInt fromQuota =
        limits.cpus().map(c -> OptionalInt.of((int) Math.ceil(c))).orElse(OptionalInt.empty());
    OptionalInt fromSet =
        limits.cpuset().map(NativeLimits::count).map(OptionalInt::of).orElse(OptionalInt.empty());
    if (fromQuota.isPresent() && fromSet.isPresent()) {
      return OptionalInt.of(Math.min(fromQuota.getAsInt(), fromSet.getAsInt()));
    }
    return fromQuota.isPresent() ? fromQuota : fromSet;
  }

  static int count(String cpuList) {
    BitSet cpus = new BitSet();
    for (String part : cpuList.split(",")) {
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0]);
      int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
      cpus.set(from, to + 1);
    }
    return cpus.cardinality();
  }

  List<String> notEnforced() {
    return List.copyOf(notEnforced);
  }

  boolean oomKilled() {
    return cgroups.oomKilled();
  }

  java.util.OptionalLong peakMemory() {
    return cgroups.peakMemory();
  }

  int killRemaining() {
    return cgroups.killRemaining();
  }

  void release() {
    cgroups.release();
  }

  Optional<String> cpuset() {
    return limits.cpuset();
  }
}
