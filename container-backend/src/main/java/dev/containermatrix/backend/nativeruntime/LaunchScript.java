package dev.containermatrix.backend.nativeruntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest exec chain that must run single-threaded: where there are limits, a {@code /bin/sh
 * -c} script joins the container's cgroups and sets its rlimits (shell builtins, in the host's
 * namespaces), then {@code unshare} the new namespaces with a forked pid 1, a shell which:
 *
 * <ol>
 *   <li>mounts the container's filesystem with one {@code mount -a} (its fresh, masked {@code
 *       /proc} included: pid 1 is already in the new pid namespace), sets its hostname and brings
 *       loopback up;
 *   <li>moves its root: {@code pivot_root} makes the container's root the mount namespace's root,
 *       with the host's root under {@value #OLD_ROOT}, and {@code umount -l} detaches that, so no
 *       path, file descriptor or process in the container leads to the host's root any more (the
 *       kernel moves pid 1's own root and working directory along);
 *   <li>starts the JVM in the working directory through {@code setpriv}, which drops every
 *       capability but {@link SandboxPolicy#KEPT_CAPABILITIES} and sets {@code no_new_privs}.
 * </ol>
 *
 * <p>Steps 2 and 3 run the host's programs copied into the container ({@link SandboxTools}). The
 * shell stays as pid 1 and exits with the JVM's status (128+signal when a signal killed it); when
 * it ends, the kernel kills everything else in the pid namespace. No Java runs between fork and
 * exec.
 */
final class LaunchScript {
  private final List<Path> cgroupProcsFiles = new ArrayList<>();
  private final List<String> rlimits = new ArrayList<>();
  private String cpuAffinity = "";
  private boolean userNamespace;
  private boolean loopback = true;
  private @org.jspecify.annotations.Nullable Path cpuTimes;
  private final SandboxTools tools;

  /** Where the host's root goes for the moment between {@code pivot_root} and its unmount. */
  static final String OLD_ROOT = "/run/containermatrix/oldroot";

  LaunchScript(SandboxTools tools) {
    this.tools = tools;
  }

  LaunchScript joinCgroup(Path procsFile) {
    cgroupProcsFiles.add(procsFile);
    return this;
  }

  /** An rlimit as {@code ulimit} sets it: {@code -n 256} (hard and soft alike). */
  LaunchScript rlimit(String flag, long value) {
    rlimits.add("ulimit " + flag + " " + value);
    return this;
  }

  /** Pins to CPUs with {@code taskset} where no cpuset cgroup does it. */
  LaunchScript affinity(String cpuList) {
    this.cpuAffinity = cpuList;
    return this;
  }

  /**
   * Has pid 1 write its and its children's CPU times into {@code file} once the command has ended
   * ({@link CpuTimes}).
   */
  LaunchScript recordCpuTimesIn(Path file) {
    this.cpuTimes = file;
    return this;
  }

  /** Rootless: a new user namespace mapping the caller to root inside. */
  LaunchScript userNamespace(boolean value) {
    this.userNamespace = value;
    return this;
  }

  /** Whether {@code ip} is there to bring loopback up. */
  LaunchScript loopback(boolean value) {
    this.loopback = value;
    return this;
  }

  /** The argument vector: {@code /bin/sh -c <script>}. */
  List<String> argv(
      Path fstab, String hostname, Path root, Path workingDirectory, List<String> command) {
    // sh exports PWD; the container's environment is exactly the spec's
    StringBuilder inner = new StringBuilder("unset PWD; set -e\n");
    if (cpuTimes != null) {
      inner.append("exec 5>").append(Shell.quote(cpuTimes.toString())).append('\n');
    }
    inner
        .append("mount -a -T ")
        .append(Shell.quote(fstab.toString()))
        .append('\n')
        // as root a builtin write is cheapest; inside a user namespace only sethostname(2) is
        // allowed
        .append(
            userNamespace
                ? "hostname " + Shell.quote(hostname)
                : "echo " + Shell.quote(hostname) + " > /proc/sys/kernel/hostname")
        .append('\n');
    if (loopback) {
      inner.append("ip link set lo up\n");
    }
    inner
        .append("cd ")
        .append(Shell.quote(root.toString()))
        .append('\n')
        .append(Shell.quote(tools.pivotRoot().toString()))
        .append(" . ")
        .append(Shell.quote(OLD_ROOT.substring(1)))
        .append('\n')
        // no mtab, no canonicalizing, no umount.<type> helpers: the least umount(8) can do
        .append(Shell.words(SandboxTools.inside(tools.viaLoader(), "umount")))
        .append(" -n -c -i -l ")
        .append(Shell.quote(OLD_ROOT))
        .append('\n')
        .append("set +e\n")
        // not exec: util-linux 2.38's unshare --fork turns a child killed by a signal into exit
        // status 1,
        // so this shell stays as pid 1 and exits with 128+signal, as a shell does; its end ends the
        // namespace
        // cd exports PWD and OLDPWD; the JVM's environment is exactly the spec's
        .append("(cd ")
        .append(Shell.quote(workingDirectory.toString()))
        .append(" && unset PWD OLDPWD && exec ")
        .append(Shell.words(SandboxTools.inside(tools.viaLoader(), "setpriv")))
        .append(' ')
        .append(Shell.words(SandboxPolicy.setprivOptions()))
        .append(' ')
        .append(Shell.words(command))
        .append(cpuTimes == null ? "" : " 5>&-")
        .append(")\n");
    if (cpuTimes != null) {
      inner.append("status=$?; ").append(CpuTimes.command()).append("; exit $status\n");
    }
    List<String> namespaces = new ArrayList<>(List.of("unshare"));
    if (userNamespace) {
      namespaces.addAll(List.of("--user", "--map-root-user"));
    }
    namespaces.addAll(
        List.of(
            "--mount",
            "--uts",
            "--ipc",
            "--net",
            "--pid",
            "--cgroup",
            "--fork",
            "--kill-child",
            "--propagation",
            "private",
            "--",
            "/bin/sh",
            "-c",
            inner.toString()));
    if (cgroupProcsFiles.isEmpty() && rlimits.isEmpty() && cpuAffinity.isEmpty()) {
      return namespaces; // nothing to do in the host's namespaces first: no shell needed there
    }
    StringBuilder outer = new StringBuilder("set -e\nunset PWD\n");
    for (Path procs : cgroupProcsFiles) {
      outer.append("echo $$ > ").append(Shell.quote(procs.toString())).append('\n');
    }
    for (String rlimit : rlimits) {
      outer.append(rlimit).append('\n');
    }
    outer.append("exec ");
    if (!cpuAffinity.isEmpty()) {
      outer.append("taskset -c ").append(Shell.quote(cpuAffinity)).append(' ');
    }
    outer.append(Shell.words(namespaces)).append('\n');
    return List.of("/bin/sh", "-c", outer.toString());
  }
}
