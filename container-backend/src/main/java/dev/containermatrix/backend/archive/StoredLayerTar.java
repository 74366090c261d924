package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.LayerTrees;
import dev.containermatrix.backend.layers.OverlayConvention;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A stored layer's unpacked tree as a {@link ReproducibleLayer} again, with overlay whiteouts
 * turned back into OCI form: a character device 0/0 becomes an empty file {@code .wh.<name>}, an
 * opaque directory (per the layer's {@link OverlayConvention}) gets an empty {@code .wh..wh..opq}.
 * Files keep their permission bits (a config file's 0600 stays 0600; setuid, setgid and sticky bits
 * are dropped), hard links become copies, owners become 0, directories 0755.
 */
final class StoredLayerTar {

  private StoredLayerTar() {}

  static ReproducibleLayer of(StoredLayer layer, LinuxCalls calls) throws IOException {
    try {
      return LayerTrees.of(
          layer.directory(),
          dir -> isOpaque(dir, layer.overlayConvention(), calls),
          "layer " + layer.digest());
    } catch (IOException e) {
      throw new IOException(e.getMessage() + ", or do not archive this run", e);
    }
  }

  private static boolean isOpaque(Path dir, OverlayConvention convention, LinuxCalls calls)
      throws IOException {
    if (convention == OverlayConvention.NONE) {
      return false;
    }
    String attribute =
        convention == OverlayConvention.TRUSTED ? "trusted.overlay.opaque" : "user.overlay.opaque";
    return calls
        .getxattr(dir, attribute)
        .map(value -> value.length == 1 && value[0] == 'y')
        .orElse(false);
  }
}
