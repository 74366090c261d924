package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostCapabilitiesTest {

  private static final Finding OK = Finding.yes("found");

  private static HostCapabilities of(
      int uid,
      Finding rootNamespaces,
      Finding overlayAsRoot,
      Finding userNamespaces,
      Finding overlayInUserNamespace) {
    return new HostCapabilities(
        Optional.of("6.8.0"),
        Optional.of(uid),
        Optional.of(new UtilLinuxVersion(2, 38, 1)),
        OK,
        Optional.of(Path.of("/usr/sbin/ip")),
        OK,
        OK,
        OK,
        rootNamespaces,
        overlayAsRoot,
        userNamespaces,
        overlayInUserNamespace);
  }

  @Test
  void rootNeedsOnlyTheRootPath() {
    HostCapabilities capabilities =
        of(0, OK, OK, Finding.no("user namespaces are disabled"), Finding.no("overlay refused"));

    assertThat(capabilities.root()).isTrue();
    assertThat(capabilities.rootless()).isFalse();
    assertThat(capabilities.canRunNative()).isTrue();
    assertThat(capabilities.missing()).isEmpty();
    assertThat(capabilities.canRunRootless()).isFalse();
  }

  @Test
  void anOrdinaryUserNeedsUserNamespacesAndOverlayInThem() {
    HostCapabilities capabilities =
        of(
            1000,
            Finding.no("not tried: not root"),
            Finding.no("not tried: not root"),
            OK,
            Finding.no("overlay refused"));

    assertThat(capabilities.rootless()).isTrue();
    assertThat(capabilities.canRunNative()).isFalse();
    assertThat(capabilities.missing()).containsExactly("overlay refused");
  }

  @Test
  void overlayInAUserNamespaceIsNotReportedWhenUserNamespacesAlreadyFail() {
    HostCapabilities capabilities =
        of(
            1000,
            Finding.no("not tried: not root"),
            Finding.no("not tried: not root"),
            Finding.no("user namespaces are disabled"),
            Finding.no("overlay refused"));

    assertThat(capabilities.missing()).containsExactly("user namespaces are disabled");
  }

  @Test
  void anUnknownUidCountsAsNotRoot() {
    HostCapabilities capabilities =
        new HostCapabilities(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Finding.no("no unshare"),
            Optional.empty(),
            OK,
            OK,
            OK,
            OK,
            OK,
            OK,
            OK);

    assertThat(capabilities.root()).isFalse();
    assertThat(capabilities.missing())
        .containsExactly(
            "no unshare",
            "ip (iproute2) is neither on PATH nor in /usr/sbin or /sbin; install iproute2, which"
                + " the native runtime uses to bring up each container's loopback interface");
  }

  @Test
  void aHostWithoutTheSandboxToolsCannotRunNativeContainers() {
    Finding noSetpriv =
        Finding.no("setpriv is neither on PATH nor in /usr/sbin or /sbin; install util-linux");
    HostCapabilities capabilities =
        new HostCapabilities(
            Optional.of("6.8.0"),
            Optional.of(0),
            Optional.of(new UtilLinuxVersion(2, 38, 1)),
            OK,
            Optional.of(Path.of("/usr/sbin/ip")),
            OK,
            noSetpriv,
            OK,
            OK,
            OK,
            OK,
            OK);

    assertThat(capabilities.canRunNative()).isFalse();
    assertThat(capabilities.missing()).containsExactly(noSetpriv.detail());
  }
}
