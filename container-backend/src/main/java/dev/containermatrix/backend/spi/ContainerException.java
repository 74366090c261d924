package dev.containermatrix.backend.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A container could not be chosen, checked or started. It is checked: a caller must decide what a
 * failed launch means for its variant (usually: abort it with this message as the reason).
 *
 * <p>The message names what failed, the value involved and what to do next; it is meant to be shown
 * to the user as it is.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ContainerException extends Exception {

  private static final long serialVersionUID = 1L;

  public ContainerException(String message) {
    super(message);
  }

  public ContainerException(String message, Throwable cause) {
    super(message, cause);
  }
}
