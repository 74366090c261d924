package dev.containermatrix.backend.image;

import java.util.List;

/** An image manifest: its config and its layers, bottom first. */
record OciManifest(OciDescriptor config, List<OciDescriptor> layers) {

  OciManifest {
    layers = List.copyOf(layers);
  }
}
