package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import org.apiguardian.api.API;

/** Opens a fresh stream of a blob's bytes as stored, each call from the start. */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface BlobOpener {

  /**
   * Opens the blob. The caller closes the stream.
   *
   * @return a new stream of the blob's stored bytes, never {@code null}
   * @throws IOException if the blob cannot be opened
   */
  InputStream open() throws IOException;
}
