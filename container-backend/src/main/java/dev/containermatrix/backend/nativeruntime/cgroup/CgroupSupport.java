package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * What this host's cgroups can enforce: for each {@link Controller} either where it holds this
 * process (and containers can get a child cgroup there), or why not.
 *
 * @param layout which cgroup file systems are mounted
 * @param usable the controllers whose limits can be enforced, with where
 * @param unusable the controllers whose limits cannot be enforced, each with a clause saying why,
 *     e.g. "the memory controller at /sys/fs/cgroup/memory/a is not writable by uid 1000"; every
 *     controller is in exactly one of the two maps
 * @param unifiedAvailable the controllers in this process's cgroup2 {@code cgroup.controllers};
 *     empty without a cgroup2 mount
 * @param unifiedEnabled the controllers in this process's cgroup2 {@code cgroup.subtree_control};
 *     empty without a cgroup2 mount
 */
@API(status = INTERNAL, since = "0.1")
public record CgroupSupport(
    CgroupLayout layout,
    Map<Controller, ControllerPlacement> usable,
    Map<Controller, String> unusable,
    Set<String> unifiedAvailable,
    Set<String> unifiedEnabled) {

  public CgroupSupport {
    Objects.requireNonNull(layout, "layout");
    usable = Map.copyOf(usable);
    unusable = Map.copyOf(unusable);
    unifiedAvailable = Set.copyOf(new TreeSet<>(unifiedAvailable));
    unifiedEnabled = Set.copyOf(new TreeSet<>(unifiedEnabled));
    for (Controller controller : Controller.values()) {
      if (usable.containsKey(controller) == unusable.containsKey(controller)) {
        throw new IllegalArgumentException(
            "controller "
                + controller.kernelName()
                + " must be either usable or unusable with a reason, was "
                + (usable.containsKey(controller) ? "both" : "neither"));
      }
    }
    usable.forEach(
        (controller, placement) -> {
          if (placement.controller() != controller) {
            throw new IllegalArgumentException(
                "the placement of "
                    + controller.kernelName()
                    + " is for "
                    + placement.controller().kernelName());
          }
        });
  }

  /** The null object: nothing can be enforced, each controller for {@code reason}. */
  public static CgroupSupport none(String reason) {
    Map<Controller, String> unusable = new EnumMap<>(Controller.class);
    for (Controller controller : Controller.values()) {
      unusable.put(controller, reason);
    }
    return new CgroupSupport(CgroupLayout.NONE, Map.of(), unusable, Set.of(), Set.of());
  }

  /** Whether at least one controller is usable. */
  public boolean isSupported() {
    return !usable.isEmpty();
  }

  /** Whether limits of {@code controller}'s kind can be enforced. */
  public boolean canEnforce(Controller controller) {
    return usable.containsKey(controller);
  }

  /** Where {@code controller} holds this process; empty if it is unusable. */
  public Optional<ControllerPlacement> placement(Controller controller) {
    return Optional.ofNullable(usable.get(controller));
  }

  /** Why limits of {@code controller}'s kind cannot be enforced; empty if they can. */
  public Optional<String> whyNot(Controller controller) {
    return Optional.ofNullable(unusable.get(controller));
  }

  /**
   * One line per limit kind, in {@link Controller} order, e.g. {@code memory: enforced by cgroup v1
   * under /sys/fs/cgroup/memory/a/containermatrix} or {@code pids: not enforced: the pids
   * controller ...}.
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Controller controller : Controller.values()) {
      ControllerPlacement placement = usable.get(controller);
      lines.add(
          placement != null
              ? controller.limitName()
                  + ": enforced by cgroup "
                  + placement.hierarchy().label()
                  + " under "
                  + placement.containersDirectory()
              : controller.limitName() + ": not enforced: " + unusable.get(controller));
    }
    return List.copyOf(lines);
  }
}
