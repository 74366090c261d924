package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * An image could not be read: its files are missing, malformed or corrupt (a blob whose sha256 is
 * not the one its name promises), or the place it lives (a Docker engine) is not reachable. The
 * message names the file or reference, the value involved and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageSourceException extends IOException {

  private static final long serialVersionUID = 1L;

  public ImageSourceException(String message) {
    super(message);
  }

  public ImageSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
