package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Which overlayfs extended attributes an unpacked layer relies on, which decides how the overlay
 * that stacks it must be mounted. Whiteouts are always character devices 0/0, which every overlay
 * honours; only opaque directories need an attribute.
 */
@API(status = INTERNAL, since = "0.1")
public enum OverlayConvention {

  /** No overlay attributes: the layer stacks under any overlay mount. */
  NONE,

  /**
   * Opaque directories carry {@code trusted.overlay.opaque=y} (set as root): mount without {@code
   * userxattr}.
   */
  TRUSTED,

  /**
   * Opaque directories carry {@code user.overlay.opaque=y} (set without root): the overlay must be
   * mounted with {@code -o userxattr}, as a rootless overlay in a user namespace is.
   */
  USER_XATTR
}
