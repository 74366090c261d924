package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.nativeruntime.cgroup.ContainerCgroup;
import dev.containermatrix.backend.nativeruntime.cgroup.ContainerCgroups;
import dev.containermatrix.backend.nativeruntime.cgroup.Controller;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's cgroups, as the native runtime uses them: where its first process joins, which
 * limits they enforce, whether the kernel OOM-killed it for its memory limit, its peak memory (also
 * without a memory limit, from a memory cgroup that only accounts), and their removal. Limits the
 * cgroups cannot hold are named, with what stands in for them (the JVM's own view of CPUs and
 * memory).
 */
final class CgroupPlacement {
  private final ContainerCgroup cgroup;
  private final ResourceLimits limits;

  private CgroupPlacement(ContainerCgroup cgroup, ResourceLimits limits) {
    this.cgroup = cgroup;
    this.limits = limits;
  }

  static CgroupPlacement create(String name, ResourceLimits limits, ContainerCgroups cgroups) {
    return new CgroupPlacement(cgroups.create(name, limits), limits);
  }

  List<Path> procsFiles() {
    return cgroup.procsFiles();
  }

  boolean enforcesCpuset() {
    return limits.cpuset().isPresent() && !mentions(Controller.CPUSET);
  }

  private boolean mentions(Controller controller) {
    return cgroup.notEnforced().stream().anyMatch(s -> s.startsWith(controller.limitName() + "="));
  }

  /** The limits not enforced, each with what stands in for it, if anything. */
  List<String> notEnforced() {
    List<String> out = new ArrayList<>();
    for (String sentence : cgroup.notEnforced()) {
      if (sentence.startsWith(Controller.CPU.limitName() + "=")) {
        out.add(sentence + "; only the JVM's view (-XX:ActiveProcessorCount) follows it");
      } else if (sentence.startsWith(Controller.MEMORY.limitName() + "=")) {
        out.add(sentence + "; only the JVM's default heap (-XX:MaxRAM) follows it");
      } else if (sentence.startsWith(Controller.CPUSET.limitName() + "=")) {
        out.add(sentence + "; CPU affinity (taskset) pins it instead");
      } else {
        // pids: RLIMIT_NPROC is no stand-in, it counts every thread of the host user
        out.add(sentence);
      }
    }
    return out;
  }

  boolean oomKilled() {
    try {
      return cgroup.oomKilled();
    } catch (IOException e) {
      return false;
    }
  }

  /** The memory cgroup's high-water mark; empty without one, or where it cannot be read. */
  java.util.OptionalLong peakMemory() {
    try {
      return cgroup.peakMemory();
    } catch (IOException e) {
      return java.util.OptionalLong.empty();
    }
  }

  int killRemaining() {
    try {
      int before = cgroup.pids().size();
      cgroup.kill();
      return before;
    } catch (IOException e) {
      return 0;
    }
  }

  void release() {
    try {
      cgroup.kill();
      cgroup.remove();
    } catch (IOException e) {
      // the next run's reaper removes a cgroup that could not be removed now
    }
  }
}
