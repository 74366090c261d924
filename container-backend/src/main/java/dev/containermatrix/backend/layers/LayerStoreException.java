package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * A layer could not be stored or read: its content is not what was expected, its tar is malformed
 * or unsafe, or the store on disk is damaged. The message names the layer, the value involved and
 * what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class LayerStoreException extends IOException {

  private static final long serialVersionUID = 1L;

  public LayerStoreException(String message) {
    super(message);
  }

  public LayerStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A layer tar's entry is unsafe: {@code reason} says why, as in "it contains '..', which would
   * leave the layer".
   */
  static LayerStoreException refusedEntry(String entryName, String reason) {
    return new LayerStoreException(
        "refusing layer tar entry \""
            + entryName
            + "\": "
            + reason
            + "; the tar is malformed or hostile, and nothing of it was stored");
  }
}
