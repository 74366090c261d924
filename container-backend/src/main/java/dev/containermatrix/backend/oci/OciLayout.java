package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The names and marker of an OCI image layout, which image sources read and the archive writes:
 * {@code oci-layout} (holding {@code {"imageLayoutVersion":"1.0.0"}}), {@code index.json}, and each
 * blob at {@code blobs/sha256/<hex>} ({@link Digest#layoutPath()}).
 */
@API(status = INTERNAL, since = "0.1")
public final class OciLayout {

  /** The marker file's name. */
  public static final String MARKER = "oci-layout";

  /** The top-level index's name. */
  public static final String INDEX = "index.json";

  /** Where the blobs are, relative to the layout's root. */
  public static final String BLOBS = "blobs/sha256";

  private static final String VERSION_FIELD = "\"imageLayoutVersion\"";
  private static final String MARKER_JSON = "{" + VERSION_FIELD + ":\"1.0.0\"}";

  private OciLayout() {}

  /** The marker file's content as written: {@code {"imageLayoutVersion":"1.0.0"}}. */
  public static byte[] markerJson() {
    return MARKER_JSON.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether a marker file's content declares an {@code imageLayoutVersion}. */
  public static boolean declaresVersion(String marker) {
    return marker.contains(VERSION_FIELD);
  }
}
