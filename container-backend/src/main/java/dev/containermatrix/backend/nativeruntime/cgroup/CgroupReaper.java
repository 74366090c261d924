package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.rundir.CleanupFailures;
import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.backend.rundir.Reaper;
import dev.containermatrix.backend.rundir.RunDirectoryReaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Container cgroups that dead runs left behind: those under {@code containermatrix/} of each usable
 * controller whose name starts with the name of a run directory that {@link
 * RunDirectoryReaper#whyOver} judges over. Any process still in one is killed before it is removed.
 * Run it before {@link RunDirectoryReaper} ({@link Reaper#inOrder}), so the run directories' owner
 * markers are still there to be read.
 */
@API(status = INTERNAL, since = "0.1")
public final class CgroupReaper implements Reaper {

  private final CgroupSupport support;
  private final RunDirectoryReaper runs;

  /**
   * @param support where this process's cgroups are; containers of earlier runs nest under the same
   *     ones
   * @param runs judges whether the run a cgroup's name starts with is over
   */
  public CgroupReaper(CgroupSupport support, RunDirectoryReaper runs) {
    this.support = support;
    this.runs = runs;
  }

  @Override
  public String name() {
    return "cgroup";
  }

  @Override
  public List<Reaped> reap() throws IOException {
    Set<Path> parents = new LinkedHashSet<>();
    support.usable().values().stream()
        .sorted((a, b) -> a.controller().compareTo(b.controller()))
        .forEach(placement -> parents.add(placement.containersDirectory()));
    List<Reaped> reaped = new ArrayList<>();
    CleanupFailures failures = new CleanupFailures();
    for (Path parent : parents) {
      if (!Files.isDirectory(parent)) {
        continue;
      }
      List<Path> children;
      try (Stream<Path> list = Files.list(parent)) {
        children = list.filter(Files::isDirectory).sorted().toList();
      }
      for (Path cgroup : children) {
        Optional<String> why = runs.whyOver(cgroup.getFileName().toString());
        if (why.isEmpty()) {
          continue;
        }
        try {
          CgroupTree.kill(List.of(cgroup));
          CgroupTree.remove(cgroup);
          reaped.add(new Reaped(name(), cgroup, why.get()));
        } catch (IOException e) {
          failures.add(e);
        }
      }
      removeIfUnused(parent);
    }
    failures.throwIfAny();
    return List.copyOf(reaped);
  }

  /**
   * Removes {@code containermatrix} itself once no container's cgroup is in it, as the last
   * container of a live run does: a run killed with its containers leaves it behind otherwise. A
   * run that is creating a container meanwhile makes it again (see {@code ContainerCgroups}).
   */
  private static void removeIfUnused(Path parent) {
    try {
      Files.deleteIfExists(parent);
    } catch (IOException e) {
      // a live run's containers are in it
    }
  }
}
