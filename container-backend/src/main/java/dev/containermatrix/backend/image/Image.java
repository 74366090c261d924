package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An image read from its source: its layers as stored and its config. Layers are read lazily
 * through their openers, so the source (a directory or archive) must stay in place while they are.
 *
 * @param reference the image reference it was read from, in canonical form (absolute paths), e.g.
 *     {@code oci-archive:/work/images/bookworm.tar}
 * @param layers the layers, bottom first; as many as {@code config.diffIds()}
 * @param configDigest sha256 of the config blob
 * @param config the image config
 */
@API(status = INTERNAL, since = "0.1")
public record Image(
    String reference, List<ImageLayerBlob> layers, Digest configDigest, ImageConfig config) {

  public Image {
    Objects.requireNonNull(reference, "image reference must not be null");
    layers = List.copyOf(layers);
    Objects.requireNonNull(configDigest, "config digest must not be null");
    Objects.requireNonNull(config, "image config must not be null");
    if (layers.size() != config.diffIds().size()) {
      throw new IllegalArgumentException(
          "Image "
              + reference
              + " has "
              + layers.size()
              + " layers but its config "
              + configDigest
              + " lists "
              + config.diffIds().size()
              + " diff_ids: the image is malformed; export it again");
    }
  }
}
