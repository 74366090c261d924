package dev.containermatrix.backend.nativeruntime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** cgroup v1: one hierarchy per controller, or per group of co-mounted controllers. */
final class LegacyHierarchy implements CgroupHierarchy {

  static final LegacyHierarchy INSTANCE = new LegacyHierarchy();

  private LegacyHierarchy() {}

  @Override
  public String label() {
    return "v1";
  }

  @Override
  public CpuController cpu(Path cgroup) {
    return new LegacyCpu(cgroup);
  }

  @Override
  public MemoryController memory(Path cgroup) {
    return new LegacyMemory(cgroup);
  }

  @Override
  public PidsController pids(Path cgroup) {
    return new LegacyPids(cgroup);
  }

  @Override
  public CpusetController cpuset(Path cgroup) {
    return new LegacyCpuset(cgroup);
  }

  /** Nothing to do: a v1 hierarchy's controllers apply to every cgroup in it. */
  @Override
  public Map<Controller, String> enableForContainers(Path own, List<Controller> controllers) {
    return Map.of();
  }
}
