package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Finds out what this host's cgroups can enforce: reads {@code <procRoot>/self/mountinfo} and
 * {@code <procRoot>/self/cgroup}, then the cgroup file systems at the mount points found (resolved
 * under {@code fsRoot}, so a test can pass a fake tree). A controller mounted in a v1 hierarchy is
 * used there, even when a cgroup2 file system is mounted too (the hybrid layout); otherwise the
 * cgroup2 hierarchy is used if it offers the controller.
 */
@API(status = INTERNAL, since = "0.1")
public final class CgroupProbe {

  private final Path procRoot;
  private final Path fsRoot;

  /**
   * @param procRoot where {@code self/mountinfo}, {@code self/cgroup} and {@code self/status} are
   *     read, usually {@code /proc}
   * @param fsRoot what mount points are resolved against, usually {@code /}
   */
  public CgroupProbe(Path procRoot, Path fsRoot) {
    this.procRoot = procRoot;
    this.fsRoot = fsRoot;
  }

  /** The probe of this host: {@code /proc} and {@code /}. */
  public static CgroupProbe host() {
    return new CgroupProbe(Path.of("/proc"), Path.of("/"));
  }

  /**
   * What can be enforced; never fails: a host whose cgroups cannot be read gets {@link
   * CgroupSupport#none}.
   */
  public CgroupSupport probe() {
    List<MountInfo.Mount> mounts;
    SelfCgroups self;
    try {
      mounts = MountInfo.cgroupMounts(procRoot.resolve("self/mountinfo"));
      self = SelfCgroups.read(procRoot.resolve("self/cgroup"));
    } catch (IOException e) {
      return CgroupSupport.none(e.getMessage());
    }
    boolean legacy = mounts.stream().anyMatch(m -> m.type().equals("cgroup"));
    Optional<MountInfo.Mount> unifiedMount =
        mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
    CgroupLayout layout =
        legacy
            ? (unifiedMount.isPresent() ? CgroupLayout.HYBRID : CgroupLayout.V1)
            : (unifiedMount.isPresent() ? CgroupLayout.V2 : CgroupLayout.NONE);
    if (layout == CgroupLayout.NONE) {
      return CgroupSupport.none(
          "no cgroup file system is mounted (none in " + procRoot.resolve("self/mountinfo") + ")");
    }
    Optional<Path> unifiedDirectory =
        unifiedMount.flatMap(m -> self.unified().flatMap(path -> m.directoryOf(path, fsRoot)));
    Set<String> available = Set.of();
    Set<String> enabled = Set.of();
    String unifiedProblem = null;
    if (unifiedDirectory.isPresent()) {
      try {
        available = ControlFiles.words(unifiedDirectory.get().resolve("cgroup.controllers"));
        enabled = ControlFiles.words(unifiedDirectory.get().resolve("cgroup.subtree_control"));
      } catch (IOException e) {
        unifiedProblem = e.getMessage();
      }
    }
    String uid = effectiveUid();
    Map<Controller, ControllerPlacement> usable = new EnumMap<>(Controller.class);
    Map<Controller, String> unusable = new EnumMap<>(Controller.class);
    for (Controller controller : Controller.values()) {
      Optional<MountInfo.Mount> legacyMount = legacyMounts(mounts, controller).findFirst();
      String problem;
      Path directory = null;
      CgroupVersion version;
      if (legacyMount.isPresent()) {
        version = CgroupVersion.LEGACY;
        String path = self.legacy().get(controller.kernelName());
        MountInfo.Mount mount = legacyMount.get();
        if (path == null) {
          problem =
              "the "
                  + controller.kernelName()
                  + " controller is mounted at "
                  + fsRoot.resolve(mount.mountPoint().substring(1))
                  + " but "
                  + procRoot.resolve("self/cgroup")
                  + " does not say where this process is in it";
        } else {
          directory =
              legacyMounts(mounts, controller)
                  .flatMap(m -> m.directoryOf(path, fsRoot).stream())
                  .findFirst()
                  .orElse(null);
          problem =
              directory == null
                  ? "this process's "
                      + controller.kernelName()
                      + " cgroup "
                      + path
                      + " is outside every mount of that controller"
                  : writeProblem(controller, directory, mount, uid);
        }
      } else if (unifiedMount.isPresent()) {
        version = CgroupVersion.UNIFIED;
        directory = unifiedDirectory.orElse(null);
        problem =
            directory == null
                ? "cgroup2 is mounted at "
                    + fsRoot.resolve(unifiedMount.get().mountPoint().substring(1))
                    + " but "
                    + procRoot.resolve("self/cgroup")
                    + " does not say where this process is in it"
                : unifiedProblem != null
                    ? unifiedProblem
                    : unifiedProblem(
                        controller,
                        directory,
                        available,
                        enabled,
                        unifiedMount.get(),
                        self.unified().orElse("").equals("/")
                            && unifiedMount.get().root().equals("/"),
                        uid);
      } else {
        version = CgroupVersion.LEGACY;
        problem =
            "no cgroup hierarchy offers the "
                + controller.kernelName()
                + " controller (no cgroup v1 mount names it and there is no cgroup2 mount)";
      }
      if (problem == null && directory != null) {
        usable.put(controller, new ControllerPlacement(controller, version, directory));
      } else {
        unusable.put(controller, problem);
      }
    }
    return new CgroupSupport(layout, usable, unusable, available, enabled);
  }

  /** The cgroup v1 mounts that hold {@code controller}, in mountinfo order. */
  private static Stream<MountInfo.Mount> legacyMounts(
      List<MountInfo.Mount> mounts, Controller controller) {
    return mounts.stream()
        .filter(
            m -> m.type().equals("cgroup") && m.superOptions().contains(controller.kernelName()));
  }

  private static String unifiedProblem(
      Controller controller,
      Path directory,
      Set<String> available,
      Set<String> enabled,
      MountInfo.Mount mount,
      boolean isRoot,
      String uid) {
    String name = controller.kernelName();
    if (!available.contains(name)) {
      return "the cgroup2 hierarchy does not offer the "
          + name
          + " controller at "
          + directory
          + " (its cgroup.controllers "
          + (available.isEmpty() ? "is empty" : "lists only " + String.join(" ", available))
          + ")";
    }
    if (!enabled.contains(name) && !isRoot && holdsProcesses(directory)) {
      return "the "
          + name
          + " controller is not enabled in "
          + directory.resolve("cgroup.subtree_control")
          + " and cannot be, since that cgroup holds processes (cgroup2 allows controllers only for"
          + " cgroups without processes of their own): start the JVM in a cgroup of its own, e.g."
          + " with systemd-run --scope -p Delegate=yes";
    }
    return writeProblem(controller, directory, mount, uid);
  }

  private static boolean holdsProcesses(Path directory) {
    try {
      return !ControlFiles.pids(directory.resolve("cgroup.procs")).isEmpty();
    } catch (IOException | NumberFormatException e) {
      return true;
    }
  }

  private static String writeProblem(
      Controller controller, Path directory, MountInfo.Mount mount, String uid) {
    String where = "the " + controller.kernelName() + " controller at " + directory;
    if (!Files.isDirectory(directory)) {
      return where + " does not exist";
    }
    if (mount.readOnly()) {
      return where + " is mounted read-only";
    }
    if (!Files.isWritable(directory)) {
      return where + " is not writable by uid " + uid;
    }
    return null;
  }

  private String effectiveUid() {
    try {
      for (String line : ControlFiles.read(procRoot.resolve("self/status")).split("\n")) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).strip().split("\\s+");
          return ids.length > 1 ? ids[1] : ids[0];
        }
      }
    } catch (IOException e) {
      // the uid only makes a message clearer
    }
    return System.getProperty("user.name", "?");
  }
}
