package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where containers' CPU time is counted: a cgroup of their own at {@code <this process's
 * cgroup>/containermatrix/<name>} in the cgroup2 hierarchy, whose {@code cpu.stat} counts {@code
 * usage_usec} without any controller enabled, or, on hosts without cgroup2, in the v1 {@code
 * cpuacct} hierarchy ({@code cpuacct.usage}, nanoseconds). Where neither can be written
 * (rootless without delegation), {@link #create} returns empty and CPU time stays unknown.
 */
@API(status = INTERNAL, since = "0.1")
public final class CpuAccounting {
  private final @Nullable Path parent;
  private final boolean unified;

  private CpuAccounting(@Nullable Path parent, boolean unified) {
    this.parent = parent;
    this.unified = unified;
  }

  /** Counts nothing. */
  public static CpuAccounting none() {
    return new CpuAccounting(null, false);
  }

  /** The accounting of this host: {@code /proc} and {@code /}. */
  public static CpuAccounting host() {
    return probe(Path.of("/proc"), Path.of("/"));
  }

  /**
   * Reads {@code <procRoot>/self/mountinfo} and {@code <procRoot>/self/cgroup}, mount points
   * resolved under {@code fsRoot}; never fails: a host whose cgroups cannot be read or written
   * counts nothing.
   */
  public static CpuAccounting probe(Path procRoot, Path fsRoot) {
    try {
      List<MountInfo.Mount> mounts = MountInfo.cgroupMounts(procRoot.resolve("self/mountinfo"));
      SelfCgroups self = SelfCgroups.read(procRoot.resolve("self/cgroup"));
      Optional<Path> unifiedOwn = mounts.stream().filter(m -> m.type().equals("cgroup2") && !m.readOnly())
          .findFirst()
          .flatMap(m -> self.unified().flatMap(path -> m.directoryOf(path, fsRoot)))
          .filter(Files::isWritable);
      if (unifiedOwn.isPresent()) {
        return new CpuAccounting(unifiedOwn.get().resolve(ContainerCgroups.CONTAINERS), true);
      }
      String cpuacct = self.legacy().get("cpuacct");
      Optional<Path> legacyOwn = cpuacct == null ? Optional.empty() : mounts.stream()
          .filter(m -> m.type().equals("cgroup") && !m.readOnly() && m.superOptions().contains("cpuacct"))
          .findFirst()
          .flatMap(m -> m.directoryOf(cpuacct, fsRoot))
          .filter(Files::isWritable);
      return new CpuAccounting(legacyOwn.map(d -> d.resolve(ContainerCgroups.CONTAINERS)).orElse(null), false);
    } catch (IOException e) {
      return new CpuAccounting(null, false);
    }
  }

  /** Where the containers' accounting cgroups go ({@code <own cgroup>/containermatrix}); empty if nowhere. */
  public Optional<Path> containersDirectory() {
    return Optional.ofNullable(parent);
  }

  /** Whether containers' CPU time can be counted on this host. */
  public boolean isSupported() {
    return parent != null;
  }

  /**
   * Makes (or, on cgroup2, reuses the limits cgroup of the same name) the accounting cgroup of a
   * container; empty when this host counts nothing or it cannot be made.
   *
   * @param name the container's cgroup name, as for {@link ContainerCgroups#create}
   */
  public Optional<Counter> create(String name) {
    if (parent == null) {
      return Optional.empty();
    }
    // a limits cgroup's removal may take the parent away meanwhile (cgroup2): try again then
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return Optional.of(new Counter(Files.createDirectories(parent.resolve(name)), unified));
      } catch (IOException e) {
        // try again, else count nothing
      }
    }
    return Optional.empty();
  }

  /** One container's accounting cgroup: its process joins through {@link #procsFile()}. */
  public static final class Counter {
    private final Path directory;
    private final boolean unified;

    Counter(Path directory, boolean unified) {
      this.directory = directory;
      this.unified = unified;
    }

    /** The {@code cgroup.procs} file a process writes {@code 0} (itself) into to join. */
    public Path procsFile() {
      return directory.resolve("cgroup.procs");
    }

    /** The CPU time the cgroup's processes used so far; empty if it cannot be read. */
    public Optional<Duration> usage() {
      try {
        return Optional.of(unified
            ? Duration.ofNanos(ControlFiles.keyed(directory.resolve("cpu.stat"), "usage_usec") * 1000)
            : Duration.ofNanos(Long.parseLong(ControlFiles.read(directory.resolve("cpuacct.usage")))));
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** Kills what is left in it and removes it; a cgroup already gone is fine, one that stays is left to the reaper. */
    public void remove() {
      try {
        CgroupTree.kill(List.of(directory));
        CgroupTree.remove(directory);
      } catch (IOException e) {
        return; // the next run's reaper removes it
      }
      try {
        // the shared parent goes with the last container, as ContainerCgroup's do
        java.nio.file.Files.deleteIfExists(directory.getParent());
      } catch (IOException e) {
        // another container's accounting cgroup is still in it
      }
    }
  }
}
