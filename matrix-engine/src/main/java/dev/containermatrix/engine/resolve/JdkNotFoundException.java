package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * No JDK matched a requested version or path. The message names the request, every place that was
 * searched with what was found there, and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class JdkNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JdkNotFoundException(String message) {
    super(message);
  }
}
