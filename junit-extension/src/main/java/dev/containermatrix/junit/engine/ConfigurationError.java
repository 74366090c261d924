package dev.containermatrix.junit.engine;

import java.util.List;
import java.util.Optional;

/**
 * The bad {@code containermatrix.*} values of a run as one failure. Each matrix class of the run
 * fails with it when executed, so it reaches the console where Surefire prints a class's failure;
 * thrown from discovery instead, it would show only as "failed to discover tests" with the message
 * in a dump file.
 */
final class ConfigurationError {
  private ConfigurationError() {}

  /** Empty when there is no error; the error itself when there is one; else one naming them all. */
  static Optional<IllegalArgumentException> of(List<IllegalArgumentException> errors) {
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    if (errors.size() == 1) {
      return Optional.of(errors.get(0));
    }
    StringBuilder message =
        new StringBuilder(errors.size() + " configuration parameters are wrong:");
    errors.forEach(e -> message.append("\n  - ").append(e.getMessage()));
    IllegalArgumentException combined = new IllegalArgumentException(message.toString());
    errors.forEach(combined::addSuppressed);
    return Optional.of(combined);
  }
}
