package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * An {@link AssertionError} thrown in a variant's JVM, rebuilt on the host: the original message,
 * expected and actual values as their string representations (so IDEs and Surefire show the diff),
 * and the original class name, which {@link #toString()} shows in place of this class's name.
 */
@API(status = INTERNAL, since = "0.1")
public final class RemoteAssertionFailedError extends AssertionFailedError {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;

  RemoteAssertionFailedError(
      String remoteClassName, @Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
    this.remoteClassName = remoteClassName;
  }

  RemoteAssertionFailedError(
      String remoteClassName,
      @Nullable String message,
      @Nullable String expected,
      @Nullable String actual,
      @Nullable Throwable cause) {
    super(message, expected, actual, cause);
    this.remoteClassName = remoteClassName;
  }

  /** The class of the original throwable, e.g. {@code org.opentest4j.AssertionFailedError}. */
  public String remoteClassName() {
    return remoteClassName;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    boolean none = message == null || message.isEmpty();
    return none ? remoteClassName : remoteClassName + ": " + message;
  }
}
