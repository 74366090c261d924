package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {

  @TempDir Path proc;
  @TempDir Path bin;
  @TempDir Path scratch;

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** What the probe finds on the fake /proc with {@code path} as PATH. */
  private HostCapabilities probe(String path) throws InterruptedException {
    return new HostProbe(
            proc, new ExecutableSearch(path, List.of()), scratch, Duration.ofSeconds(5))
        .probe();
  }

  @Test
  void namesEveryToolThatIsMissing() throws InterruptedException {
    new FakeProc(proc)
        .uid(1000, 1000)
        .with("filesystems", "nodev\ttmpfs\n")
        .with("sys/kernel/osrelease", "5.4.0\n");

    HostCapabilities capabilities = probe("");

    assertThat(capabilities.rootless()).isTrue();
    assertThat(capabilities.kernelRelease()).contains("5.4.0");
    assertThat(capabilities.canRunNative()).isFalse();
    assertThat(capabilities.missing())
        .containsExactly(
            "unshare is neither on PATH nor in /usr/sbin or /sbin; install util-linux 2.36 or"
                + " newer",
            "mount is neither on PATH nor in /usr/sbin or /sbin; install util-linux's mount",
            "pivot_root, umount, setpriv are neither on PATH nor in /usr/sbin or /sbin; the native"
                + " runtime needs pivot_root, umount and setpriv to sandbox each container: install"
                + " util-linux",
            "ip (iproute2) is neither on PATH nor in /usr/sbin or /sbin; install iproute2, which"
                + " the native runtime uses to bring up each container's loopback interface",
            "overlayfs is not available: "
                + proc.resolve("filesystems")
                + " does not list overlay; ask an admin to load it (modprobe overlay) or use"
                + " containermatrix.backend=docker",
            "user namespaces were not tried: unshare is missing");
  }

  @Test
  void rejectsOldUtilLinuxAndBusyBoxMountAndExplainsARefusedUserNamespace() throws Exception {
    new FakeProc(proc)
        .uid(1000, 1000)
        .with("filesystems", "nodev\toverlay\n")
        .with("sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
    script(
        bin.resolve("unshare"),
        "if [ \"$1\" = --version ]; then echo 'unshare from util-linux 2.33.1'; exit 0; fi\n"
            + "echo 'unshare: unshare failed: Operation not permitted' >&2; exit 1");
    script(
        bin.resolve("mount"),
        "echo 'BusyBox v1.36.1 multi-call binary.' >&2; echo 'Usage: mount [OPTIONS]' >&2; exit 1");
    script(bin.resolve("ip"), "exit 0");

    HostCapabilities capabilities = probe(bin.toString());

    assertThat(capabilities.utilLinuxVersion()).contains(new UtilLinuxVersion(2, 33, 1));
    assertThat(capabilities.ipCommand()).contains(bin.resolve("ip"));
    assertThat(capabilities.missing())
        .containsExactly(
            "unshare is from util-linux 2.33.1, older than 2.36.0, which the native runtime needs"
                + " for unshare --map-root-user and --kill-child, mount -T and setpriv; install"
                + " util-linux 2.36 or newer",
            bin.resolve("mount")
                + " does not support -T (--fstab), which the native runtime uses to mount a"
                + " container's file systems: `"
                + bin.resolve("mount")
                + " --help` exited with status 1: BusyBox v1.36.1 multi-call"
                + " binary. Usage: mount [OPTIONS]; install util-linux's mount",
            "pivot_root, umount, setpriv are neither on PATH nor in /usr/sbin or /sbin; the native"
                + " runtime needs pivot_root, umount and setpriv to sandbox each container: install"
                + " util-linux",
            "user namespaces are disabled: "
                + proc.resolve("sys/kernel/apparmor_restrict_unprivileged_userns")
                + " is 1; ask an admin to allow them (sysctl"
                + " kernel.apparmor_restrict_unprivileged_userns=0) or run as root");
  }

  @Test
  void aRefusalNoSettingExplainsQuotesUnshare() throws Exception {
    new FakeProc(proc).uid(1000, 1000).with("filesystems", "nodev\toverlay\n");
    script(
        bin.resolve("unshare"),
        "if [ \"$1\" = --version ]; then echo 'unshare from util-linux 2.38.1'; exit 0; fi\n"
            + "echo 'unshare: write failed /proc/self/uid_map: Operation not permitted' >&2; exit"
            + " 1");

    HostCapabilities capabilities = probe(bin.toString());

    assertThat(capabilities.userNamespaces().detail())
        .isEqualTo(
            "user namespaces are not usable: `"
                + bin.resolve("unshare")
                + " --user --map-root-user --mount --pid --fork --net --uts --ipc --cgroup --"
                + " /bin/true` exited with status 1: unshare: write failed /proc/self/uid_map:"
                + " Operation not permitted; ask an admin to allow unprivileged user namespaces or"
                + " run as root");
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void probesThisHostOnceAndFindsWhatTheNativeRuntimeNeedsAsRoot() throws InterruptedException {
    HostCapabilities capabilities = HostProbe.capabilities();
    System.out.println("host capabilities (this JVM's user): " + capabilities);
    HostRequirements.require(
        capabilities.root(), "needs root: the project's machines run the native runtime as root");

    assertThat(HostProbe.capabilities()).isSameAs(capabilities);
    assertThat(capabilities.missing()).isEmpty();
    assertThat(capabilities.canRunNative()).isTrue();
    assertThat(capabilities.rootless()).isFalse();
    assertThat(capabilities.rootNamespaces().available()).isTrue();
    assertThat(capabilities.overlayFilesystem().available()).isTrue();
    assertThat(capabilities.overlayAsRoot().available()).isTrue();
    assertThat(capabilities.utilLinuxVersion())
        .hasValueSatisfying(
            version -> assertThat(version.isAtLeast(new UtilLinuxVersion(2, 38, 0))).isTrue());
    assertThat(capabilities.ipCommand()).isPresent();
    assertThat(capabilities.kernelRelease()).isPresent();
  }
}
