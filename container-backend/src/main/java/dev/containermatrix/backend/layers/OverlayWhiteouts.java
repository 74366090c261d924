package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.linux.LinuxCalls.LinuxCallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns OCI whiteouts into overlayfs form. {@code .wh.<name>} becomes a character device 0/0 named
 * {@code <name>}: Linux 5.8 and later let any user make that one device. {@code .wh..wh..opq} makes
 * its directory opaque through an extended attribute: {@code trusted.overlay.opaque=y} as root,
 * {@code user.overlay.opaque=y} without root (valid when the overlay is mounted with {@code
 * userxattr}).
 */
final class OverlayWhiteouts {

  /** The OCI prefix of a whiteout's file name. */
  static final String PREFIX = ".wh.";

  /** The OCI name of the entry that makes its directory opaque. */
  static final String OPAQUE = ".wh..wh..opq";

  private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);

  private final LinuxCalls calls;
  private final OverlayConvention convention;

  /**
   * @param convention {@link OverlayConvention#TRUSTED} or {@link OverlayConvention#USER_XATTR}
   */
  OverlayWhiteouts(LinuxCalls calls, OverlayConvention convention) {
    if (convention == OverlayConvention.NONE) {
      throw new IllegalArgumentException("opaque directories need TRUSTED or USER_XATTR, not NONE");
    }
    this.calls = calls;
    this.convention = convention;
  }

  /**
   * TRUSTED for root, USER_XATTR for anyone else; USER_XATTR where the calls are unsupported (they
   * fail on use).
   */
  static OverlayWhiteouts forThisProcess(LinuxCalls calls) {
    boolean root = calls.isSupported() && calls.geteuid() == 0;
    return new OverlayWhiteouts(
        calls, root ? OverlayConvention.TRUSTED : OverlayConvention.USER_XATTR);
  }

  /** The convention {@link #makeOpaque} uses. */
  OverlayConvention convention() {
    return convention;
  }

  /** The attribute that makes a directory opaque under this convention. */
  String opaqueAttribute() {
    return convention == OverlayConvention.TRUSTED
        ? "trusted.overlay.opaque"
        : "user.overlay.opaque";
  }

  /**
   * Makes {@code path} (which must not exist) a whiteout; {@code entry} is the tar entry, for
   * messages.
   */
  void makeWhiteout(Path path, String entry) throws LayerStoreException {
    try {
      calls.mknod(path, LinuxCalls.S_IFCHR, LinuxCalls.makedev(0, 0));
    } catch (LinuxCallException | UnsupportedOperationException e) {
      throw new LayerStoreException(
          "cannot convert the whiteout "
              + entry
              + " into overlay form: "
              + e.getMessage()
              + "; a whiteout is a character device 0/0, which needs Linux 5.8 or later (or root)"
              + " and a filesystem that allows device nodes under the layer store",
          e);
    }
  }

  /** Marks the directory {@code directory} opaque; {@code entry} is the tar entry, for messages. */
  void makeOpaque(Path directory, String entry) throws LayerStoreException {
    try {
      calls.setxattr(directory, opaqueAttribute(), YES);
    } catch (LinuxCallException | UnsupportedOperationException e) {
      throw new LayerStoreException(
          "cannot convert the opaque marker "
              + entry
              + " into overlay form: "
              + e.getMessage()
              + "; the layer store's filesystem must support "
              + (convention == OverlayConvention.TRUSTED ? "trusted" : "user")
              + " extended attributes (ext4, xfs and btrfs do)",
          e);
    }
  }
}
