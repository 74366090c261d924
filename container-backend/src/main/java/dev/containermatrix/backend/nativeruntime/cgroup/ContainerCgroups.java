package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Creates the cgroups of containers: one per controller a container's limits need, at {@code
 * <this process's cgroup>/containermatrix/<name>}, with the limits written. What cannot be
 * enforced is reported by the {@link ContainerCgroup}, never thrown: with no usable controller at
 * all, every set limit is reported and the container gets no cgroup.
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
   * an rlimit, not a cgroup limit) and writes them. Unset limits are not written and need no cgroup.
   *
   * @param name the container's cgroup name; starts with its run directory's name (so {@link
   *     StaleCgroups} can tell when it is left over) and is unique among the run's containers
   * @throws IllegalArgumentException if {@code name} is not a plain file name of letters, digits, {@code .-_}
   */
  public ContainerCgroup create(String name, ResourceLimits limits) {
    Objects.requireNonNull(limits, "limits");
    if (!Objects.requireNonNull(name, "name").matches(NAME)) {
      throw new IllegalArgumentException("a container cgroup name is 1 to 200 letters, digits, '.', '-' or '_', not starting with"
          + " '.', '-' or '_', was \"" + name + "\"");
    }
    List<String> notEnforced = new ArrayList<>();
    Map<Path, ContainerCgroup.Leaf> leaves = new LinkedHashMap<>();
    List<Controller> unified = new ArrayList<>();
    for (Controller controller : Controller.values()) {
      if (controller.describe(limits).isPresent() && support.placement(controller)
          .filter(p -> p.version() == CgroupVersion.UNIFIED).isPresent()) {
        unified.add(controller);
      }
    }
    Map<Controller, String> unifiedFailures = enableUnified(unified);
    for (Controller controller : Controller.values()) {
      String limit = controller.describe(limits).orElse(null);
      if (limit == null) {
        continue;
      }
      ControllerPlacement placement = support.placement(controller).orElse(null);
      String failure = placement == null ? support.whyNot(controller).orElseThrow() : unifiedFailures.get(controller);
      if (failure == null) {
        try {
          Path leaf = leaves.containsKey(placement.containersDirectory().resolve(name))
              ? placement.containersDirectory().resolve(name)
              : createLeaf(placement, name);
          leaves.computeIfAbsent(leaf, d -> new ContainerCgroup.Leaf(d, placement.version(), EnumSet.noneOf(Controller.class)))
              .controllers().add(controller);
          write(controller, placement.version(), leaf, limits);
        } catch (IOException e) {
          failure = e.getMessage();
        }
      }
      if (failure != null) {
        notEnforced.add(limit + " is not enforced: " + failure);
      }
    }
    return new ContainerCgroup(name, List.copyOf(leaves.values()), notEnforced);
  }

  /** Enables the controllers in this process's cgroup2 cgroup and in its {@code containermatrix} child. */
  private Map<Controller, String> enableUnified(List<Controller> controllers) {
    Map<Controller, String> failures = new LinkedHashMap<>();
    if (controllers.isEmpty()) {
      return failures;
    }
    Path own = support.placement(controllers.get(0)).orElseThrow().directory();
    try {
      failures.putAll(new UnifiedSubtree(own).enable(controllers));
      List<Controller> enabled = controllers.stream().filter(c -> !failures.containsKey(c)).toList();
      if (!enabled.isEmpty()) {
        createDirectories(own.resolve(CONTAINERS));
        failures.putAll(new UnifiedSubtree(own.resolve(CONTAINERS)).enable(enabled));
      }
    } catch (IOException e) {
      controllers.forEach(c -> failures.putIfAbsent(c, e.getMessage()));
    }
    return failures;
  }

  /** Makes {@code <own>/containermatrix/<name>}; retries if another container's removal takes {@code containermatrix} away meanwhile. */
  private static Path createLeaf(ControllerPlacement placement, String name) throws IOException {
    Path parent = placement.containersDirectory();
    Path leaf = parent.resolve(name);
    for (int attempt = 0; ; attempt++) {
      createDirectories(parent);
      if (placement.controller() == Controller.CPUSET && placement.version() == CgroupVersion.LEGACY) {
        new LegacyCpuset(parent).inheritWhereEmpty();
      }
      try {
        return Files.createDirectory(leaf);
      } catch (FileAlreadyExistsException e) {
        throw new IOException("cannot create cgroup " + leaf + ": it exists already, so another container has the name \""
            + name + "\": give each container of a run its own name", e);
      } catch (NoSuchFileException e) {
        if (attempt >= 3) {
          throw new IOException("cannot create cgroup " + leaf + ": " + parent + " keeps disappearing", e);
        }
      } catch (IOException e) {
        throw new IOException("cannot create cgroup " + leaf + ": " + ControlFiles.reason(e), e);
      }
    }
  }

  private static void createDirectories(Path directory) throws IOException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IOException("cannot create cgroup " + directory + ": " + ControlFiles.reason(e), e);
    }
  }

  private static void write(Controller controller, CgroupVersion version, Path leaf, ResourceLimits limits) throws IOException {
    boolean legacy = version == CgroupVersion.LEGACY;
    switch (controller) {
      case CPU -> {
        double cpus = limits.cpus().orElseThrow();
        if (legacy) {
          new LegacyCpu(leaf).setQuota(cpus);
        } else {
          new UnifiedCpu(leaf).setQuota(cpus);
        }
      }
      case MEMORY -> {
        long bytes = limits.memoryBytes().orElseThrow();
        if (legacy) {
          new LegacyMemory(leaf).setLimit(bytes);
        } else {
          new UnifiedMemory(leaf).setMax(bytes);
        }
      }
      case PIDS -> {
        long pids = limits.pids().orElseThrow();
        if (legacy) {
          new LegacyPids(leaf).setMax(pids);
        } else {
          new UnifiedPids(leaf).setMax(pids);
        }
      }
      case CPUSET -> {
        String cpus = limits.cpuset().orElseThrow();
        if (legacy) {
          new LegacyCpuset(leaf).setCpus(cpus);
        } else {
          new UnifiedCpuset(leaf).setCpus(cpus);
        }
      }
    }
  }
}
