package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.oci.Digest;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A blob stored in a {@link RunArchive}, as an OCI descriptor names it.
 *
 * @param digest {@code sha256:<64 lowercase hex>}
 * @param size its size in bytes
 * @param mediaType e.g. {@code application/vnd.oci.image.layer.v1.tar}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ArchivedBlob(String digest, long size, String mediaType) {

  public ArchivedBlob {
    Digest.parse(digest, "an archived blob's digest");
    Objects.requireNonNull(mediaType, "mediaType");
    if (size < 0 || mediaType.isBlank()) {
      throw new IllegalArgumentException(
          "an archived blob has a size >= 0 and a media type, was "
              + size
              + " bytes and \""
              + mediaType
              + "\" for "
              + digest);
    }
  }
}
