package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A layer in a {@link LayerStore}.
 *
 * @param digest the sha256 of its uncompressed tar (DiffID)
 * @param directory the unpacked, read-only tree; absolute; a lowerdir for overlayfs
 * @param sizeBytes the size of its uncompressed tar
 * @param built whether the call that returned this unpacked it; {@code false} if it was already
 *     stored
 * @param overlayConvention the overlay attributes it relies on, which decide the overlay's mount
 *     options
 */
@API(status = INTERNAL, since = "0.1")
public record StoredLayer(
    Digest digest,
    Path directory,
    long sizeBytes,
    boolean built,
    OverlayConvention overlayConvention) {

  public StoredLayer {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(overlayConvention, "overlayConvention");
    if (!directory.isAbsolute() || sizeBytes < 0) {
      throw new IllegalArgumentException(
          "a stored layer has an absolute directory and a size >= 0, was "
              + directory
              + " and "
              + sizeBytes
              + " bytes");
    }
  }
}
