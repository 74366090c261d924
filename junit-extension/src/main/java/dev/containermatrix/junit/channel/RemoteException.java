package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An exception (not an assertion failure) thrown in a variant's JVM, rebuilt on the host. Its
 * {@link #getMessage()} and {@link #toString()} read like the original's {@code toString()}: {@code
 * java.lang.IllegalStateException: boom}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final @Nullable String remoteMessage;

  RemoteException(
      String remoteClassName, @Nullable String remoteMessage, @Nullable Throwable cause) {
    super(describe(remoteClassName, remoteMessage), cause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
  }

  /** The class of the original exception, e.g. {@code java.lang.IllegalStateException}. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The original exception's own message, {@code null} if it had none. */
  public @Nullable String remoteMessage() {
    return remoteMessage;
  }

  @Override
  public String toString() {
    return getMessage();
  }

  private static String describe(String className, @Nullable String message) {
    return message == null ? className : className + ": " + message;
  }
}
