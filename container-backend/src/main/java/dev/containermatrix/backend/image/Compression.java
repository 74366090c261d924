package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.MediaTypes;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apiguardian.api.API;

/** How a layer blob is compressed. */
@API(status = INTERNAL, since = "0.1")
public enum Compression {
  /** A plain tar. */
  NONE(MediaTypes.OCI_LAYER),
  /** A gzip-compressed tar. */
  GZIP(MediaTypes.OCI_LAYER_GZIP),
  /** A zstd-compressed tar. */
  ZSTD(MediaTypes.OCI_LAYER_ZSTD);

  private final String ociMediaType;

  Compression(String ociMediaType) {
    this.ociMediaType = ociMediaType;
  }

  /** The OCI layer media type of a tar with this compression. */
  public String ociMediaType() {
    return ociMediaType;
  }

  /**
   * The compression an OCI or Docker layer media type names.
   *
   * @throws IllegalArgumentException if the media type is not a tar layer type
   */
  public static Compression ofMediaType(String mediaType) {
    if (mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip")) {
      return GZIP;
    }
    if (mediaType.endsWith("+zstd") || mediaType.endsWith(".tar.zstd")) {
      return ZSTD;
    }
    if (mediaType.endsWith(".tar")) {
      return NONE;
    }
    throw new IllegalArgumentException(
        "Layer media type \""
            + mediaType
            + "\" is not a tar, tar+gzip or tar+zstd layer: convert the image's layers to one of"
            + " these (e.g. skopeo copy --dest-compress-format gzip)");
  }

  /** The compression the first bytes of a blob show: the gzip or zstd magic number, else none. */
  public static Compression ofMagic(byte[] head) {
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (head.length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /**
   * Wraps {@code compressed} in a stream of its uncompressed bytes; closing it closes {@code
   * compressed}.
   */
  public InputStream decompress(InputStream compressed) throws IOException {
    return switch (this) {
      case NONE -> compressed;
      case GZIP -> new GZIPInputStream(compressed, 64 * 1024);
      // pure Java (aircompressor), so that junit-extension's jar can carry it relocated
      case ZSTD -> new ZstdInputStream(compressed);
    };
  }
}
