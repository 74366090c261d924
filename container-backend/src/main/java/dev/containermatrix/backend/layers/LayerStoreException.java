package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * A layer could not be stored or read: its content is not what was expected, its tar is malformed or
 * unsafe, or the store on disk is damaged. The message names the layer, the value involved and what
 * to do.
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
}
