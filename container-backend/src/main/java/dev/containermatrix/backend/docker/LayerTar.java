package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.layers.LayerTrees;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An unpacked layer directory as the tar the engine takes into a container ({@link LayerTrees}):
 * the same tree is the same tar. Opaque directories are not marked: the layer directories the
 * docker backend is given do not say their overlay convention.
 */
final class LayerTar {
  private LayerTar() {}

  static ReproducibleLayer of(Path directory) throws IOException {
    return LayerTrees.of(directory, dir -> false, "layer");
  }
}
