package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;

/**
 * Told when a store starts building a layer it holds the lock of; a seam for tests that force
 * builds to overlap.
 */
interface BuildListener {

  BuildListener NONE = digest -> {};

  /** Called with the layer's lock held, before its tar is read. */
  void building(Digest digest) throws IOException;
}
