package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ExitStatus;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * When a variant runs again, in a fresh container.
 *
 * <p>Test failures ({@value #RETRIES}, default 0): a variant whose tests failed runs only those
 * tests again, up to {@code testRetries} times, until they pass; a test that passes on a retry is
 * flaky.
 *
 * <p>Infrastructure failures ({@value #INFRA_RETRIES}, default 1), counted apart from test
 * failures: a container that could not start, or whose JVM died or exited abnormally before any
 * test started (before anything of it reached the JUnit tree: a test started, skipped or finished,
 * a report entry, a dynamic registration), runs the variant again in a fresh container, so running
 * it again reports nothing twice. A container that ran out of memory or past its timeout is not
 * retried: the same limits and the same tests end the same way, and a retry would only double the
 * wait for the same answer. A cancelled container is not retried either: it was stopped on purpose.
 *
 * @param testRetries how often failed tests run again; 0 or more
 * @param infraRetries how often a variant whose container failed before any test started runs
 *     again; 0 or more
 */
record RetryPolicy(int testRetries, int infraRetries) {
  static final String RETRIES = "containermatrix.retries";
  static final String INFRA_RETRIES = "containermatrix.retries.infra";

  RetryPolicy {
    if (testRetries < 0 || infraRetries < 0) {
      throw new IllegalArgumentException(
          "retries must be 0 or more, were " + testRetries + " and " + infraRetries);
    }
  }

  static RetryPolicy defaults() {
    return new RetryPolicy(0, 1);
  }

  /**
   * Reads {@value #RETRIES} and {@value #INFRA_RETRIES}.
   *
   * @throws IllegalArgumentException naming the key and value when one is not a whole number of 0
   *     or more
   */
  static RetryPolicy from(ConfigurationParameters parameters) {
    RetryPolicy defaults = defaults();
    return new RetryPolicy(
        count(parameters, RETRIES, defaults.testRetries(), "how often failed tests run again"),
        count(
            parameters,
            INFRA_RETRIES,
            defaults.infraRetries(),
            "how often a variant whose container failed before any test started runs again"));
  }

  private static int count(
      ConfigurationParameters parameters, String key, int fallback, String meaning) {
    Optional<String> text = parameters.get(key).map(String::trim).filter(t -> !t.isEmpty());
    if (text.isEmpty()) {
      return fallback;
    }
    if (text.get().matches("\\d{1,4}")) {
      return Integer.parseInt(text.get());
    }
    throw new IllegalArgumentException(
        "Configuration parameter "
            + key
            + "='"
            + text.get()
            + "' is not a whole number from 0 to 9999; set it to "
            + meaning
            + ", e.g. 2 (0 turns it off)");
  }

  /**
   * Whether a container that ended this way, before any test started, is worth another one: it did
   * not start, or its JVM died or exited abnormally; not when it ran out of memory, ran past its
   * timeout or was cancelled.
   */
  static boolean isTransient(ExitStatus exit) {
    return switch (exit.reason()) {
      case FAILED_TO_START, KILLED_BY_SIGNAL, EXITED -> true;
      case OUT_OF_MEMORY, TIMED_OUT, CANCELLED -> false;
    };
  }
}
