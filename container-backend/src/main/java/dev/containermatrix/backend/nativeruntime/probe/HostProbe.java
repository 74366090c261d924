package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Finds out what this host offers the native runtime, by reading {@code /proc} and by trying:
 * {@code unshare --version}, {@code mount --help}, namespaces and an overlay mount, each as a
 * process killed after 5 s. {@link #capabilities()} probes once per JVM and keeps the answer.
 */
@API(status = INTERNAL, since = "0.1")
public final class HostProbe {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final List<String> NAMESPACES =
      List.of("--mount", "--pid", "--fork", "--net", "--uts", "--ipc", "--cgroup");
  private static final String INSTALL_UTIL_LINUX =
      "install util-linux "
          + UtilLinuxVersion.MINIMUM.major()
          + "."
          + UtilLinuxVersion.MINIMUM.minor()
          + " or newer";
  private static final String USE_DOCKER = "use containermatrix.backend=docker";

  private static @Nullable HostCapabilities cached;

  private final Path procRoot;
  private final ExecutableSearch executables;
  private final OverlayTrial overlayTrial;
  private final Duration timeout;

  HostProbe(Path procRoot, ExecutableSearch executables, Path scratchParent, Duration timeout) {
    this.procRoot = procRoot;
    this.executables = executables;
    this.overlayTrial = new OverlayTrial(scratchParent, timeout);
    this.timeout = timeout;
  }

  /**
   * This host's capabilities, probed on the first call (which starts a few short processes) and the
   * same object on every later call in this JVM.
   *
   * @throws InterruptedException if interrupted while probing; nothing is kept then, and the next
   *     call probes again
   */
  public static synchronized HostCapabilities capabilities() throws InterruptedException {
    if (cached == null) {
      cached =
          new HostProbe(
                  Path.of("/proc"),
                  ExecutableSearch.ofEnvironment(),
                  Path.of(System.getProperty("java.io.tmpdir")),
                  TIMEOUT)
              .probe();
    }
    return cached;
  }

  /** Probes now, without the per-JVM cache. */
  HostCapabilities probe() throws InterruptedException {
    ProcSysctls sysctls = new ProcSysctls(procRoot);
    Optional<Integer> uid = new ProcSelfStatus(procRoot).effectiveUid();
    boolean root = uid.filter(id -> id == 0).isPresent();
    Optional<Path> unshare = executables.find("unshare");
    Optional<UtilLinuxVersion> version = Optional.empty();
    Finding utilLinux;
    if (unshare.isEmpty()) {
      utilLinux =
          Finding.no("unshare is neither on PATH nor in /usr/sbin or /sbin; " + INSTALL_UTIL_LINUX);
    } else {
      ProbeResult result = ProbeCommand.of(unshare.get().toString(), "--version").run(timeout);
      version = UtilLinuxVersion.fromVersionOutput(result.output());
      utilLinux = utilLinux(result, version);
    }
    ProcFilesystems filesystems = new ProcFilesystems(procRoot);
    Finding overlayFilesystem =
        filesystems.supports("overlay")
            ? Finding.yes("overlay is listed in " + filesystems.path())
            : Finding.no(
                "overlayfs is not available: "
                    + filesystems.path()
                    + " does not list overlay; ask an admin to load it (modprobe overlay) or "
                    + USE_DOCKER);
    Finding rootNamespaces = notRoot(uid);
    Finding overlayAsRoot = notRoot(uid);
    if (root && unshare.isPresent()) {
      rootNamespaces = namespaces(unshare.get(), List.of(), List.of());
      overlayAsRoot = overlay(unshare.get(), List.of("--mount"), "in a new mount namespace");
    }
    Finding userNamespaces = Finding.no("user namespaces were not tried: unshare is missing");
    Finding overlayInUserNamespace =
        Finding.no("overlayfs in a user namespace was not tried: unshare is missing");
    if (unshare.isPresent()) {
      userNamespaces =
          namespaces(
              unshare.get(),
              List.of("--user", "--map-root-user"),
              new UserNamespacePolicy(sysctls).refusals(root));
      overlayInUserNamespace =
          overlay(
              unshare.get(),
              List.of("--user", "--map-root-user", "--mount"),
              "inside a user namespace (Linux 5.11 or newer allows it; this is "
                  + sysctls.kernelRelease().orElse("an unknown kernel")
                  + ")");
    }
    return new HostCapabilities(
        sysctls.kernelRelease(),
        uid,
        version,
        utilLinux,
        executables.find("ip"),
        mountFstab(),
        sandboxTools(),
        overlayFilesystem,
        rootNamespaces,
        overlayAsRoot,
        userNamespaces,
        overlayInUserNamespace);
  }

  /**
   * The util-linux programs a container's pid 1 sandboxes itself with: {@code pivot_root}, {@code
   * umount}, {@code setpriv}.
   */
  private Finding sandboxTools() {
    List<String> missing =
        java.util.stream.Stream.of("pivot_root", "umount", "setpriv")
            .filter(name -> executables.find(name).isEmpty())
            .toList();
    if (!missing.isEmpty()) {
      return Finding.no(
          String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " neither on PATH nor in /usr/sbin or /sbin; the native runtime needs pivot_root,"
              + " umount and setpriv to sandbox each container: install util-linux");
    }
    return Finding.yes("pivot_root, umount and setpriv are there");
  }

  private static Finding utilLinux(ProbeResult result, Optional<UtilLinuxVersion> version) {
    if (!result.succeeded()) {
      return Finding.no(
          "unshare could not tell its version: " + result.describe() + "; " + INSTALL_UTIL_LINUX);
    }
    if (version.isEmpty()) {
      return Finding.no(
          "`"
              + result.command()
              + "` names no util-linux release (it printed \""
              + result.output()
              + "\"); "
              + INSTALL_UTIL_LINUX);
    }
    if (!version.get().isAtLeast(UtilLinuxVersion.MINIMUM)) {
      return Finding.no(
          "unshare is from util-linux "
              + version.get()
              + ", older than "
              + UtilLinuxVersion.MINIMUM
              + ", which the native runtime needs for unshare --map-root-user and --kill-child,"
              + " mount -T and setpriv; "
              + INSTALL_UTIL_LINUX);
    }
    return Finding.yes(result.output());
  }

  private Finding mountFstab() throws InterruptedException {
    Optional<Path> mount = executables.find("mount");
    if (mount.isEmpty()) {
      return Finding.no(
          "mount is neither on PATH nor in /usr/sbin or /sbin; install util-linux's mount");
    }
    ProbeResult result = ProbeCommand.of(mount.get().toString(), "--help").run(timeout);
    if (result.output().contains("--fstab")) {
      return Finding.yes(mount.get() + " supports -T (--fstab)");
    }
    return Finding.no(
        mount.get()
            + " does not support -T (--fstab), which the native runtime uses to mount a"
            + " container's file systems: "
            + result.describe()
            + "; install util-linux's mount");
  }

  private Finding namespaces(Path unshare, List<String> userOptions, List<String> refusals)
      throws InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(unshare.toString());
    argv.addAll(userOptions);
    argv.addAll(NAMESPACES);
    argv.addAll(List.of("--", "/bin/true"));
    ProbeResult result = new ProbeCommand(argv).run(timeout);
    if (result.succeeded()) {
      return Finding.yes("`" + result.command() + "` succeeded");
    }
    if (!refusals.isEmpty()) {
      return Finding.no(String.join("; and ", refusals));
    }
    return userOptions.isEmpty()
        ? Finding.no(
            "root cannot create namespaces: "
                + result.describe()
                + "; if this runs in a container, give it CAP_SYS_ADMIN, or "
                + USE_DOCKER)
        : Finding.no(
            "user namespaces are not usable: "
                + result.describe()
                + "; ask an admin to allow unprivileged user namespaces or run as root");
  }

  private Finding overlay(Path unshare, List<String> options, String where)
      throws InterruptedException {
    ProbeResult result = overlayTrial.run(unshare, options);
    if (result.succeeded()) {
      return Finding.yes("an overlay mounted " + where);
    }
    return Finding.no(
        "overlayfs cannot be mounted "
            + where
            + ": "
            + result.describe()
            + (options.contains("--user") ? "; run as root or " : "; ")
            + USE_DOCKER);
  }

  private static Finding notRoot(Optional<Integer> uid) {
    return Finding.no(
        "not tried: this process is not root (effective uid "
            + uid.map(String::valueOf).orElse("unknown")
            + ")");
  }
}
