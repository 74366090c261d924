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
 * @param expected the string representation of an opentest4j {@code AssertionFailedError}'s
 *     expected value, if it had one
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

  /**
   * This failure with its message prefixed, e.g. {@code [jdk=25, tz=kolkata] expected: 0 but was:
   * 1} for the prefix {@code [jdk=25, tz=kolkata]}; a failure without a message gets the prefix as
   * its message. Its class, expected and actual values, stack, cause and suppressed stay as they
   * are.
   */
  public RemoteFailure withMessagePrefix(String prefix) {
    if (prefix.isBlank()) {
      throw new IllegalArgumentException(
          "a message prefix must not be blank; pass the variant's name, e.g. [jdk=25]");
    }
    return new RemoteFailure(
        className,
        Optional.of(message.map(m -> prefix + " " + m).orElse(prefix)),
        assertion,
        expected,
        actual,
        stack,
        cause,
        suppressed);
  }
}
