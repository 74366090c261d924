package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;

/** Reads one image from where it is kept. */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface ImageReader {

  /**
   * Reads the image's manifest and config, and returns its layers unread: each layer's stream is
   * checked against its digest when it is read.
   *
   * @throws ImageSourceException if the image is missing, malformed or corrupt, naming the file
   * @throws IOException if its files cannot be read
   */
  Image read() throws IOException;
}
