package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One layer of an image as it is stored: a tar, possibly compressed, exactly as the image holds it.
 * Nothing is filtered out: OCI whiteout entries ({@code .wh.*}, {@code .wh..wh..opq}) come through
 * as they are, for the layer store to convert.
 *
 * @param digest sha256 of the blob as stored; for an uncompressed layer this equals its diff_id
 * @param mediaType the OCI (or Docker) media type of the layer
 * @param size the stored size in bytes
 * @param compression how the stored blob is compressed
 * @param opener opens the stored bytes; the stream it returns checks the digest and size when read
 *     to its end or closed, and throws {@link ImageSourceException} on a mismatch
 */
@API(status = INTERNAL, since = "0.1")
public record ImageLayerBlob(
    Digest digest, String mediaType, long size, Compression compression, BlobOpener opener) {

  public ImageLayerBlob {
    Objects.requireNonNull(digest, "layer digest must not be null");
    Objects.requireNonNull(mediaType, "layer media type must not be null");
    Objects.requireNonNull(compression, "layer compression must not be null");
    Objects.requireNonNull(opener, "layer opener must not be null");
    if (size < 0) {
      throw new IllegalArgumentException(
          "layer size must not be negative, was " + size + " for " + digest);
    }
  }

  /** Opens the blob as stored (compressed if it is). The caller closes the stream. */
  public InputStream open() throws IOException {
    return opener.open();
  }

  /**
   * Opens the layer's uncompressed tar, whose sha256 is the layer's diff_id. The stored blob's
   * digest is still checked, when the stream is read to its end or closed, and before any
   * decompression error is reported. The caller closes it.
   */
  public InputStream openUncompressed() throws IOException {
    return UncompressedLayerStream.open(this);
  }
}
