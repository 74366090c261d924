package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The Docker engine refused a request, answered something this client cannot trust (a malformed or
 * oversized response), or could not be reached. The message names the request (method and path),
 * the engine's status and {@code message} where there was an answer, and what to do next.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerEngineException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String engineMessage;

  DockerEngineException(String message) {
    this(message, 0, null, null);
  }

  DockerEngineException(String message, Throwable cause) {
    this(message, 0, null, cause);
  }

  DockerEngineException(
      String message, int status, @Nullable String engineMessage, @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
    this.engineMessage = engineMessage;
  }

  /** The HTTP status the engine answered, empty where it gave none (protocol or I/O failure). */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The engine's own {@code message}, where it sent one. */
  public Optional<String> engineMessage() {
    return Optional.ofNullable(engineMessage);
  }

  /** Whether the engine answered 404: no such container or image. */
  public boolean isNotFound() {
    return status == 404;
  }
}
