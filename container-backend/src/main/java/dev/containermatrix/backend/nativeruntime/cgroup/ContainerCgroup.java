package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.rundir.CleanupFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The cgroups of one container, made by {@link ContainerCgroups#create}: a process joins them by
 * writing its pid into each of {@link #procsFiles()}, e.g. {@code sh -c 'echo $$ > <file>; exec
 * ...'}, so that it and everything it starts is limited from the first instruction on.
 */
@API(status = INTERNAL, since = "0.1")
public final class ContainerCgroup {

  /**
   * One directory of the container's cgroups: on v1 one per hierarchy, on v2 one for all.
   *
   * @param directory the cgroup
   * @param hierarchy the controller files of its hierarchy's version
   * @param limiting the controllers whose limits were written into it
   * @param accounting the controllers it only counts with (nothing written): memory, for the peak
   */
  record Leaf(
      Path directory,
      CgroupHierarchy hierarchy,
      Set<Controller> limiting,
      Set<Controller> accounting) {

    /** A leaf with no controller yet, whose sets {@link ContainerCgroups} fills. */
    static Leaf empty(Path directory, CgroupHierarchy hierarchy) {
      return new Leaf(
          directory, hierarchy, EnumSet.noneOf(Controller.class), EnumSet.noneOf(Controller.class));
    }

    private Leaf frozen() {
      return new Leaf(directory, hierarchy, Set.copyOf(limiting), Set.copyOf(accounting));
    }

    private boolean has(Controller controller) {
      return limiting.contains(controller) || accounting.contains(controller);
    }
  }

  private final String name;
  private final List<Leaf> leaves;
  private final List<String> notEnforced;

  ContainerCgroup(String name, List<Leaf> leaves, List<String> notEnforced) {
    this.name = name;
    this.leaves = leaves.stream().map(Leaf::frozen).toList();
    this.notEnforced = List.copyOf(notEnforced);
  }

  /** The name given to {@link ContainerCgroups#create}. */
  public String name() {
    return name;
  }

  /**
   * The container's cgroup directories, one per v1 hierarchy or one on v2; empty if none could be
   * made.
   */
  public List<Path> directories() {
    return leaves.stream().map(Leaf::directory).toList();
  }

  /**
   * The {@code cgroup.procs} files a process writes its pid into to join; empty if no cgroup could
   * be made.
   */
  public List<Path> procsFiles() {
    return leaves.stream().map(l -> l.directory().resolve("cgroup.procs")).toList();
  }

  /**
   * One sentence per set limit that is not enforced, naming the limit and why, e.g. {@code
   * memory=256 MiB is not enforced: the memory controller at /sys/fs/cgroup/memory/a is not
   * writable by uid 1000}; empty when every set limit is enforced.
   */
  public List<String> notEnforced() {
    return notEnforced;
  }

  /**
   * Whether the kernel's OOM killer killed a process of the container for its memory limit: on v1
   * {@code oom_kill} of {@code memory.oom_control}, on v2 {@code oom_kill} of {@code
   * memory.events}. False without a memory limit: a cgroup that only accounts memory is not asked,
   * since both files count the host-wide OOM killer's victims too, and a container that was never
   * limited did not exceed a limit. Read it before {@link #remove()}.
   *
   * @throws IOException if the memory cgroup's files cannot be read; the message names the file
   */
  public boolean oomKilled() throws IOException {
    for (Leaf leaf : leaves) {
      if (leaf.limiting().contains(Controller.MEMORY) && Files.isDirectory(leaf.directory())) {
        return leaf.hierarchy().memory(leaf.directory()).oomKilled();
      }
    }
    return false;
  }

  /**
   * The most memory the container's processes used at once, in bytes: on v1 {@code
   * memory.max_usage_in_bytes}, on v2 {@code memory.peak} (kernels from 5.19), of its memory
   * cgroup, whether that limits or only accounts. Empty without a memory cgroup (the host does not
   * let us place the memory controller, or making it failed), or on a v2 kernel without {@code
   * memory.peak}. Read it before {@link #remove()}.
   *
   * @throws IOException if the file exists but cannot be read or holds no number; the message names
   *     the file
   */
  public java.util.OptionalLong peakMemory() throws IOException {
    for (Leaf leaf : leaves) {
      if (leaf.has(Controller.MEMORY) && Files.isDirectory(leaf.directory())) {
        return leaf.hierarchy().memory(leaf.directory()).peakBytes();
      }
    }
    return java.util.OptionalLong.empty();
  }

  /** Every pid in the container's cgroups (and cgroups below them), sorted, each once. */
  public List<Long> pids() throws IOException {
    return CgroupTree.pids(directories());
  }

  /**
   * Sends {@code SIGKILL} to every process in the container's cgroups, again and again until none
   * is left (at most about 5 s).
   *
   * @throws IOException if processes remain, naming them
   */
  public void kill() throws IOException {
    CgroupTree.kill(directories());
  }

  /**
   * Removes the container's cgroups (and any made below them), waiting briefly while the kernel
   * still counts exiting processes; a cgroup already gone is fine. Then removes {@code
   * containermatrix} too if no other container uses it. Call {@link #kill()} first.
   *
   * @throws IOException if a cgroup cannot be removed, naming it and what is still in it
   */
  public void remove() throws IOException {
    CleanupFailures failures = new CleanupFailures();
    for (Leaf leaf : leaves) {
      try {
        CgroupTree.remove(leaf.directory());
      } catch (IOException e) {
        failures.add(e);
        continue;
      }
      try {
        Files.deleteIfExists(leaf.directory().getParent());
      } catch (IOException e) {
        // another container's cgroup is still in it
      }
    }
    failures.throwIfAny();
  }

  @Override
  public String toString() {
    return "cgroups "
        + directories()
        + (notEnforced.isEmpty() ? "" : ", not enforced: " + notEnforced);
  }
}
