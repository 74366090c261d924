package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Creates the cgroups of containers: one per controller a container's limits need, at {@code <this
 * process's cgroup>/containermatrix/<name>}, with the limits written, and one of the memory
 * controller for accounting only where no memory limit is set ({@link ContainerControllers}). What
 * cannot be enforced is reported by the {@link ContainerCgroup}, never thrown: with no usable
 * controller at all, every set limit is reported and the container gets no cgroup.
 */
@API(status = INTERNAL, since = "0.1")
public final class ContainerCgroups {

  /** The directory under this process's cgroups that holds its containers' cgroups. */
  public static final String CONTAINERS = "containermatrix";

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}";

  private final CgroupSupport support;

  /** Creates cgroups where {@code support} says controllers are usable. */
  public ContainerCgroups(CgroupSupport support) {
    this.support = Objects.requireNonNull(support, "support");
  }

  /** Creates cgroups on this host, as {@link CgroupProbe#host()} finds it. */
  public static ContainerCgroups host() {
    return new ContainerCgroups(CgroupProbe.host().probe());
  }

  /** What this host can enforce. */
  public CgroupSupport support() {
    return support;
  }

  /**
   * Creates the cgroups for the limits {@code limits} sets (cpus, memory, pids, cpuset; nofile is
   * an rlimit, not a cgroup limit) and writes them. Unset limits are not written and need no
   * cgroup, except memory: where this host places the memory controller, a container without a
   * memory limit still gets a memory cgroup with nothing written, to measure its peak; if that one
   * cannot be made, nothing is reported and the peak is unknown.
   *
   * @param name the container's cgroup name; starts with its run directory's name (so {@link
   *     CgroupReaper} can tell when it is left over) and is unique among the run's containers
   * @throws IllegalArgumentException if {@code name} is not a plain file name of letters, digits,
   *     {@code .-_}
   */
  public ContainerCgroup create(String name, ResourceLimits limits) {
    Objects.requireNonNull(limits, "limits");
    if (!Objects.requireNonNull(name, "name").matches(NAME)) {
      throw new IllegalArgumentException(
          "a container cgroup name is 1 to 200 letters, digits, '.', '-' or '_', not starting with"
              + " '.', '-' or '_', was \""
              + name
              + "\"");
    }
    ContainerControllers wanted = ContainerControllers.of(limits, support);
    List<String> notEnforced = new ArrayList<>();
    Map<Path, ContainerCgroup.Leaf> leaves = new LinkedHashMap<>();
    Map<Controller, String> enableFailures = enableForContainers(wanted.all());
    for (Controller controller : wanted.all()) {
      boolean limiting = wanted.limiting().contains(controller);
      ControllerPlacement placement = support.placement(controller).orElse(null);
      String failure =
          placement == null
              ? support.whyNot(controller).orElseThrow()
              : enableFailures.get(controller);
      if (failure == null) {
        try {
          Path directory = placement.containersDirectory().resolve(name);
          ContainerCgroup.Leaf leaf = leaves.get(directory);
          if (leaf == null) {
            leaf = ContainerCgroup.Leaf.empty(createLeaf(placement, name), placement.hierarchy());
            leaves.put(directory, leaf);
          }
          if (limiting) {
            leaf.limiting().add(controller);
            write(controller, placement.hierarchy(), directory, limits);
          } else {
            leaf.accounting().add(controller);
          }
        } catch (IOException e) {
          failure = e.getMessage();
        }
      }
      if (failure != null && limiting) {
        notEnforced.add(controller.describe(limits).orElseThrow() + " is not enforced: " + failure);
      }
    }
    return new ContainerCgroup(name, List.copyOf(leaves.values()), notEnforced);
  }

  /**
   * Lets containers' cgroups get {@code controllers}, per cgroup of this process that places them
   * (see {@link CgroupHierarchy#enableForContainers}).
   */
  private Map<Controller, String> enableForContainers(List<Controller> controllers) {
    Map<Path, List<Controller>> byOwnCgroup = new LinkedHashMap<>();
    for (Controller controller : controllers) {
      support
          .placement(controller)
          .ifPresent(
              placement ->
                  byOwnCgroup
                      .computeIfAbsent(placement.directory(), d -> new ArrayList<>())
                      .add(controller));
    }
    Map<Controller, String> failures = new EnumMap<>(Controller.class);
    byOwnCgroup.forEach(
        (own, placed) ->
            failures.putAll(
                support
                    .placement(placed.get(0))
                    .orElseThrow()
                    .hierarchy()
                    .enableForContainers(own, placed)));
    return failures;
  }

  /**
   * Makes {@code <own>/containermatrix/<name>}; retries if another container's removal takes {@code
   * containermatrix} away meanwhile.
   */
  private static Path createLeaf(ControllerPlacement placement, String name) throws IOException {
    Path parent = placement.containersDirectory();
    Path leaf = parent.resolve(name);
    for (int attempt = 0; ; attempt++) {
      CgroupTree.create(parent);
      if (placement.controller() == Controller.CPUSET) {
        placement.hierarchy().cpuset(parent).inheritWhereEmpty();
      }
      try {
        return Files.createDirectory(leaf);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(
            "cannot create cgroup "
                + leaf
                + ": it exists already, so another container has the name \""
                + name
                + "\": give each container of a run its own name",
            e);
      } catch (NoSuchFileException e) {
        if (attempt >= 3) {
          throw new IOException(
              "cannot create cgroup " + leaf + ": " + parent + " keeps disappearing", e);
        }
      } catch (IOException e) {
        throw new IOException("cannot create cgroup " + leaf + ": " + ControlFiles.reason(e), e);
      }
    }
  }

  private static void write(
      Controller controller, CgroupHierarchy hierarchy, Path leaf, ResourceLimits limits)
      throws IOException {
    switch (controller) {
      case CPU -> hierarchy.cpu(leaf).setQuota(limits.cpus().orElseThrow());
      case MEMORY -> hierarchy.memory(leaf).setMax(limits.memoryBytes().orElseThrow());
      case PIDS -> hierarchy.pids(leaf).setMax(limits.pids().orElseThrow());
      case CPUSET -> hierarchy.cpuset(leaf).setCpus(limits.cpuset().orElseThrow());
    }
  }
}
