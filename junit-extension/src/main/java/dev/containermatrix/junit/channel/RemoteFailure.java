package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A throwable from the agent's JVM, as data: see {@link RemoteThrowables#rebuild(RemoteFailure)}.
 *
 * @param className the remote throwable's class name, e.g. {@code java.lang.IllegalStateException}
 * @param assertion whether the remote throwable was an {@link AssertionError}
 * @param expected the string representation of an opentest4j {@code AssertionFailedError}'s expected
 *     value, if it had one
 * @param actual likewise for the actual value
 */
@API(status = INTERNAL, since = "0.1")
public record RemoteFailure(
    String className,
    Optional<String> message,
    boolean assertion,
    Optional<String> expected,
    Optional<String> actual,
    List<StackTraceElement> stack,
    Optional<RemoteFailure> cause,
    List<RemoteFailure> suppressed) {
  public RemoteFailure {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    stack = List.copyOf(stack);
    Objects.requireNonNull(cause, "cause");
    suppressed = List.copyOf(suppressed);
  }
}
