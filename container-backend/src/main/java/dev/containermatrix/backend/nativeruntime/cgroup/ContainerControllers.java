package dev.containermatrix.backend.nativeruntime.cgroup;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which controllers a container's cgroups get, and what for: the policy {@link ContainerCgroups}
 * carries out. Each controller whose limit is set is asked to enforce it; the memory controller,
 * where this host places it and no memory limit is set, is still given a cgroup to account only,
 * since its high-water mark is the container's peak memory ({@link ContainerCgroup#peakMemory}).
 * Nothing is written into an accounting cgroup, and a failure to make one is no unenforced limit.
 *
 * @param limiting the controllers that enforce a set limit
 * @param accounting the controllers that only count, none of them in {@code limiting}
 */
record ContainerControllers(Set<Controller> limiting, Set<Controller> accounting) {

  ContainerControllers {
    limiting = Set.copyOf(limiting);
    accounting = Set.copyOf(accounting);
    for (Controller controller : accounting) {
      if (limiting.contains(controller)) {
        throw new IllegalArgumentException(
            "the " + controller.kernelName() + " controller either limits or accounts, not both");
      }
    }
  }

  /** The controllers {@code limits} needs, and memory for accounting where {@code support} can. */
  static ContainerControllers of(ResourceLimits limits, CgroupSupport support) {
    Objects.requireNonNull(limits, "limits");
    Set<Controller> limiting = EnumSet.noneOf(Controller.class);
    for (Controller controller : Controller.values()) {
      if (controller.describe(limits).isPresent()) {
        limiting.add(controller);
      }
    }
    Set<Controller> accounting = EnumSet.noneOf(Controller.class);
    if (!limiting.contains(Controller.MEMORY) && support.canEnforce(Controller.MEMORY)) {
      accounting.add(Controller.MEMORY);
    }
    return new ContainerControllers(limiting, accounting);
  }

  /** Every controller, limiting or accounting, in {@link Controller} order. */
  List<Controller> all() {
    return Stream.of(Controller.values())
        .filter(c -> limiting.contains(c) || accounting.contains(c))
        .toList();
  }
}
