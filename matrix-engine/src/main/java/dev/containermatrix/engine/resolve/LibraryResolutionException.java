package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An artifact, or one of its runtime dependencies, could not be resolved. The message names the
 * coordinates, the cause in one line, where the resolver looked and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class LibraryResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LibraryResolutionException(String message, Throwable cause) {
    super(message, cause);
  }

  LibraryResolutionException(String message) {
    super(message);
  }
}
