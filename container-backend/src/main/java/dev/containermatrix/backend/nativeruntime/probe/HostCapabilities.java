package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What this host offers the native runtime, as {@link HostProbe} found it. Root runs containers
 * with {@code unshare --mount …}; any other user runs them rootless, with {@code unshare --user
 * --map-root-user …}, which needs user namespaces and overlayfs inside them.
 *
 * @param kernelRelease the kernel release ({@code uname -r}); empty when {@code /proc} does not say
 * @param effectiveUid this process's effective uid; empty when {@code /proc/self/status} does not
 *     say
 * @param utilLinuxVersion the util-linux release of {@code unshare}; empty when it is missing or
 *     not util-linux
 * @param utilLinux whether {@code unshare} is util-linux {@link UtilLinuxVersion#MINIMUM} or newer
 * @param ipCommand where iproute2's {@code ip} is, on {@code PATH} or in {@code /usr/sbin} or
 *     {@code /sbin}; call it by this path, since an unprivileged user's {@code PATH} often lacks
 *     those
 * @param mountFstab whether {@code mount} supports {@code -T} (an fstab of its own)
 * @param sandboxTools whether {@code pivot_root}, {@code umount} and {@code setpriv}, which sandbox
 *     each container, are there
 * @param overlayFilesystem whether {@code /proc/filesystems} lists overlay
 * @param rootNamespaces whether root could create mount, pid, net, uts and ipc namespaces (tried);
 *     "not tried" when this process is not root
 * @param overlayAsRoot whether root could mount an overlay in a new mount namespace (tried); "not
 *     tried" when this process is not root
 * @param userNamespaces whether this user could create a user namespace mapped to root, with mount,
 *     pid, net, uts and ipc namespaces (tried; kernel settings that forbid it explain a refusal)
 * @param overlayInUserNamespace whether this user could mount an overlay inside such a user
 *     namespace (tried)
 */
@API(status = INTERNAL, since = "0.1")
public record HostCapabilities(
    Optional<String> kernelRelease,
    Optional<Integer> effectiveUid,
    Optional<UtilLinuxVersion> utilLinuxVersion,
    Finding utilLinux,
    Optional<Path> ipCommand,
    Finding mountFstab,
    Finding sandboxTools,
    Finding overlayFilesystem,
    Finding rootNamespaces,
    Finding overlayAsRoot,
    Finding userNamespaces,
    Finding overlayInUserNamespace) {

  public HostCapabilities {
    for (Object component :
        new Object[] {
          kernelRelease,
          effectiveUid,
          utilLinuxVersion,
          utilLinux,
          ipCommand,
          mountFstab,
          sandboxTools,
          overlayFilesystem,
          rootNamespaces,
          overlayAsRoot,
          userNamespaces,
          overlayInUserNamespace
        }) {
      if (component == null) {
        throw new IllegalArgumentException(
            "host capabilities need every component; use Optional.empty() or Finding.no(…)");
      }
    }
  }

  /**
   * Whether this process runs as root (effective uid 0); when the uid is unknown, it is taken as
   * not root.
   */
  public boolean root() {
    return effectiveUid.filter(uid -> uid == 0).isPresent();
  }

  /**
   * Whether the native runtime runs rootless here, with {@code unshare --user --map-root-user}:
   * whenever this process is not root.
   */
  public boolean rootless() {
    return !root();
  }

  /** Whether the native runtime can run here, as this user: {@link #missing()} is empty. */
  public boolean canRunNative() {
    return missing().isEmpty();
  }

  /**
   * Whether a rootless native runtime could run as this user (for root: whether root could run it
   * through a user namespace).
   */
  public boolean canRunRootless() {
    return missingFor(false).isEmpty();
  }

  /**
   * What the native runtime lacks here, as this user, each a sentence naming the cause and what to
   * do; never {@code null}, empty when it can run.
   */
  public List<String> missing() {
    return missingFor(root());
  }

  private List<String> missingFor(boolean asRoot) {
    List<String> out = new ArrayList<>();
    add(out, utilLinux);
    add(out, mountFstab);
    add(out, sandboxTools);
    if (ipCommand.isEmpty()) {
      out.add(
          "ip (iproute2) is neither on PATH nor in /usr/sbin or /sbin; install iproute2, which the"
              + " native runtime uses to bring up each container's loopback interface");
    }
    add(out, overlayFilesystem);
    Finding namespaces = asRoot ? rootNamespaces : userNamespaces;
    add(out, namespaces);
    if (overlayFilesystem.available() && namespaces.available()) {
      add(out, asRoot ? overlayAsRoot : overlayInUserNamespace);
    }
    return List.copyOf(out);
  }

  private static void add(List<String> out, Finding finding) {
    if (!finding.available()) {
      out.add(finding.detail());
    }
  }
}
