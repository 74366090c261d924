package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Set;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/** Rebuilds a {@link RemoteFailure} as a {@link Throwable} the host's JUnit tree can report. */
@API(status = INTERNAL, since = "0.1")
public final class RemoteThrowables {
  private static final Set<String> ABORTED =
      Set.of("org.opentest4j.TestAbortedException", "org.junit.AssumptionViolatedException");

  private RemoteThrowables() {}

  /**
   * Returns a throwable standing for {@code failure}, with the remote stack frames, cause and
   * suppressed throwables (rebuilt the same way):
   *
   * <ul>
   *   <li>{@code org.opentest4j.TestAbortedException} and {@code
   *       org.junit.AssumptionViolatedException} become a {@link TestAbortedException} with the
   *       original message, so the test is reported as aborted;
   *   <li>any other {@link AssertionError} becomes a {@link RemoteAssertionFailedError} (an {@code
   *       AssertionError}, which Surefire counts as a failure), with expected and actual if the
   *       original had them;
   *   <li>anything else becomes a {@link RemoteException} (which Surefire counts as an error).
   * </ul>
   */
  public static Throwable rebuild(RemoteFailure failure) {
    Throwable cause = failure.cause().map(RemoteThrowables::rebuild).orElse(null);
    String message = failure.message().orElse(null);
    Throwable rebuilt;
    if (ABORTED.contains(failure.className())) {
      rebuilt = new TestAbortedException(message, cause);
    } else if (failure.assertion()) {
      rebuilt =
          failure.expected().isPresent() || failure.actual().isPresent()
              ? new RemoteAssertionFailedError(
                  failure.className(),
                  message,
                  failure.expected().orElse(null),
                  failure.actual().orElse(null),
                  cause)
              : new RemoteAssertionFailedError(failure.className(), message, cause);
    } else {
      rebuilt = new RemoteException(failure.className(), message, cause);
    }
    rebuilt.setStackTrace(failure.stack().toArray(StackTraceElement[]::new));
    for (RemoteFailure suppressed : failure.suppressed()) {
      rebuilt.addSuppressed(rebuild(suppressed));
    }
    return rebuilt;
  }
}
