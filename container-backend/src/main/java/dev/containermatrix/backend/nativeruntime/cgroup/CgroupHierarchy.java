package dev.containermatrix.backend.nativeruntime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The controller files of one {@link CgroupVersion}'s hierarchies: {@link #of} is the one place
 * that picks the {@code Legacy*} or the {@code Unified*} classes, so no caller asks which version
 * it writes to.
 */
interface CgroupHierarchy {

  /** The hierarchy of {@code version}: {@link LegacyHierarchy} or {@link UnifiedHierarchy}. */
  static CgroupHierarchy of(CgroupVersion version) {
    return switch (version) {
      case LEGACY -> LegacyHierarchy.INSTANCE;
      case UNIFIED -> UnifiedHierarchy.INSTANCE;
    };
  }

  /** How the version is called in messages: {@code v1} or {@code v2}. */
  String label();

  CpuController cpu(Path cgroup);

  MemoryController memory(Path cgroup);

  PidsController pids(Path cgroup);

  CpusetController cpuset(Path cgroup);

  /**
   * Lets cgroups under {@code <own>/containermatrix} get {@code controllers}, all of them placed in
   * this process's cgroup {@code own}: v2 enables them in the {@code cgroup.subtree_control} of
   * {@code own} and of {@code containermatrix} (creating it); v1 needs nothing.
   *
   * @return the controllers that could not be enabled, each with why
   */
  Map<Controller, String> enableForContainers(Path own, List<Controller> controllers);
}
