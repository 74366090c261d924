package dev.containermatrix.backend.nativeruntime;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * What a container's processes keep of root's powers and of {@code /proc}: the sandbox's policy.
 * {@link LaunchScript} and {@link Fstab} carry it out.
 *
 * <p>Capabilities: a container keeps {@link #KEPT_CAPABILITIES}, what a test that acts as root on
 * its own files needs (Docker's default set less {@code MKNOD}, {@code NET_RAW}, {@code SETFCAP},
 * {@code SYS_CHROOT} and {@code AUDIT_WRITE}), and loses every other one from its bounding,
 * inheritable and effective sets; {@code no_new_privs} is set, so no setuid program or file
 * capability gives any back. Gone in particular: {@code SYS_ADMIN} (mount, pivot_root, setns),
 * {@code SYS_CHROOT} (the chroot escape), {@code DAC_READ_SEARCH} (open_by_handle_at), {@code
 * SYS_PTRACE}, {@code SYS_MODULE}, {@code SYS_RAWIO}, {@code SYS_BOOT}, {@code SYS_TIME}, {@code
 * MKNOD} and {@code NET_ADMIN}.
 *
 * <p>{@code /proc}: the kernel-wide settings and triggers under {@link #READ_ONLY_PROC} are mounted
 * read-only, and the files under {@link #MASKED_PROC_FILES} and directories under {@link
 * #MASKED_PROC_DIRECTORIES}, which tell of the host's kernel and memory, are hidden behind {@code
 * /dev/null} and an empty read-only tmpfs; the lists are Docker's. {@code /sys} is not mounted.
 */
final class SandboxPolicy {
  static final List<String> KEPT_CAPABILITIES =
      List.of(
          "chown",
          "dac_override",
          "fowner",
          "fsetid",
          "kill",
          "setgid",
          "setuid",
          "setpcap",
          "net_bind_service");
  static final List<String> READ_ONLY_PROC = List.of("sys", "sysrq-trigger", "irq", "bus", "fs");
  static final List<String> MASKED_PROC_FILES =
      List.of("kcore", "keys", "timer_list", "timer_stats", "sched_debug", "latency_stats");
  static final List<String> MASKED_PROC_DIRECTORIES = List.of("acpi", "scsi", "asound");

  private final List<String> readOnly;
  private final List<String> maskedFiles;
  private final List<String> maskedDirectories;

  private SandboxPolicy(
      List<String> readOnly, List<String> maskedFiles, List<String> maskedDirectories) {
    this.readOnly = List.copyOf(readOnly);
    this.maskedFiles = List.copyOf(maskedFiles);
    this.maskedDirectories = List.copyOf(maskedDirectories);
  }

  /**
   * The policy for containers on the kernel whose {@code /proc} is {@code procRoot}: each entry
   * that this kernel has (a mount over an entry it lacks would fail, and a new {@code /proc} has
   * what the host's has).
   */
  static SandboxPolicy forKernel(Path procRoot) {
    return new SandboxPolicy(
        existing(procRoot, READ_ONLY_PROC),
        MASKED_PROC_FILES.stream()
            .filter(name -> Files.isRegularFile(procRoot.resolve(name), LinkOption.NOFOLLOW_LINKS))
            .toList(),
        MASKED_PROC_DIRECTORIES.stream()
            .filter(name -> Files.isDirectory(procRoot.resolve(name), LinkOption.NOFOLLOW_LINKS))
            .toList());
  }

  private static List<String> existing(Path procRoot, List<String> names) {
    return names.stream()
        .filter(name -> Files.exists(procRoot.resolve(name), LinkOption.NOFOLLOW_LINKS))
        .toList();
  }

  /**
   * Mounts a fresh {@code /proc} at {@code proc} (a path on the host, inside the container's root),
   * masked.
   */
  void mountProc(Fstab fstab, Path proc) {
    fstab.proc(proc);
    for (String name : readOnly) {
      fstab.bindReadOnly(proc.resolve(name), proc.resolve(name));
    }
    for (String name : maskedFiles) {
      fstab.bindReadOnly(Path.of("/dev/null"), proc.resolve(name));
    }
    for (String name : maskedDirectories) {
      fstab.tmpfs(proc.resolve(name), "ro,nosuid,nodev,noexec,mode=555");
    }
  }

  /**
   * {@code setpriv}'s options that drop all capabilities but {@link #KEPT_CAPABILITIES} and set
   * {@code no_new_privs}.
   */
  static List<String> setprivOptions() {
    String kept = String.join(",", KEPT_CAPABILITIES.stream().map(cap -> "+" + cap).toList());
    return List.of("--no-new-privs", "--inh-caps=-all", "--bounding-set=-all," + kept, "--");
  }
}
