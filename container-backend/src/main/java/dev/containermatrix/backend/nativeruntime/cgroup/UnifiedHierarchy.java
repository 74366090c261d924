package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v2: one hierarchy for all controllers, each enabled for a cgroup's children by its parent.
 */
final class UnifiedHierarchy implements CgroupHierarchy {

  static final UnifiedHierarchy INSTANCE = new UnifiedHierarchy();

  private UnifiedHierarchy() {}

  @Override
  public String label() {
    return "v2";
  }

  @Override
  public CpuController cpu(Path cgroup) {
    return new UnifiedCpu(cgroup);
  }

  @Override
  public MemoryController memory(Path cgroup) {
    return new UnifiedMemory(cgroup);
  }

  @Override
  public PidsController pids(Path cgroup) {
    return new UnifiedPids(cgroup);
  }

  @Override
  public CpusetController cpuset(Path cgroup) {
    return new UnifiedCpuset(cgroup);
  }

  @Override
  public Map<Controller, String> enableForContainers(Path own, List<Controller> controllers) {
    Map<Controller, String> failures = new EnumMap<>(Controller.class);
    if (controllers.isEmpty()) {
      return failures;
    }
    try {
      failures.putAll(new UnifiedSubtree(own).enable(controllers));
      List<Controller> enabled =
          controllers.stream().filter(c -> !failures.containsKey(c)).toList();
      if (!enabled.isEmpty()) {
        CgroupTree.create(own.resolve(ContainerCgroups.CONTAINERS));
        failures.putAll(
            new UnifiedSubtree(own.resolve(ContainerCgroups.CONTAINERS)).enable(enabled));
      }
    } catch (IOException e) {
      controllers.forEach(c -> failures.putIfAbsent(c, e.getMessage()));
    }
    return failures;
  }
}
