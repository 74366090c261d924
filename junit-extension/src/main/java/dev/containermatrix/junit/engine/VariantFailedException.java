package dev.containermatrix.junit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A variant's container failed (it could not start, timed out, ran out of memory, died before
 * reporting, or this host cannot honour its axes), as opposed to a test failing inside it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class VariantFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VariantFailedException(String message) {
    super(message, null, false, false);
  }
}
