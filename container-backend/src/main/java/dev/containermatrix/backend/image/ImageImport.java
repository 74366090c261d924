package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Puts an image's layers into the layer store, each under its DiffID from the image config: a layer
 * the store already has is not read at all; one it lacks is decompressed, unpacked with its
 * whiteouts in overlay form, and verified twice (the stored blob's digest as it is read, the
 * uncompressed tar's against the DiffID).
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageImport {
  private ImageImport() {}

  /** The image's layers in the store, bottom first. */
  public static List<StoredLayer> intoStore(Image image, LayerStore store) throws IOException {
    List<StoredLayer> stored = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      Digest diffId = image.config().diffIds().get(i);
      Optional<StoredLayer> present = store.get(diffId);
      if (present.isPresent()) {
        stored.add(present.get());
        continue;
      }
      try (InputStream tar = image.layers().get(i).openUncompressed()) {
        stored.add(store.put(diffId, tar));
      }
    }
    return stored;
  }
}
