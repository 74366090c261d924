package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One failed test of a variant, as report.json's {@code variants[].failures[]} lists it.
 *
 * @param test the test: {@code <class>#<method legacy name>} for a method, e.g. {@code
 *     demo.OneBadTest#offsetIsWhole(Variant)} or {@code demo.OneBadTest#works(int)[2]}; the class
 *     name for a failed class; else the node's display name
 * @param message the start of the failure's message, at most {@value #MAX_LINES} lines and {@value
 *     #MAX_CHARS} characters (see {@link #excerpt(String)})
 * @param logs the variant's log directory, relative to the report directory
 */
@API(status = INTERNAL, since = "0.1")
public record TestFailure(String test, String message, String logs) {
  public static final int MAX_LINES = 5;
  public static final int MAX_CHARS = 1000;
  private static final String CUT = " […]";

  public TestFailure {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(logs, "logs");
    if (test.isBlank()) {
      throw new IllegalArgumentException(
          "a failed test needs a name, was blank; name it by its class and method");
    }
    if (message.length() > MAX_CHARS + CUT.length() || message.lines().count() > MAX_LINES) {
      throw new IllegalArgumentException(
          "a failure's message in report.json is at most "
              + MAX_LINES
              + " lines and "
              + MAX_CHARS
              + " characters, was "
              + message.lines().count()
              + " lines and "
              + message.length()
              + " characters; pass it through TestFailure.excerpt");
    }
  }

  /**
   * A failure of {@code test} whose full message is cut to its {@linkplain #excerpt(String)
   * excerpt}.
   */
  public static TestFailure of(String test, String fullMessage, String logs) {
    return new TestFailure(test, excerpt(fullMessage), logs);
  }

  /**
   * The first {@value #MAX_LINES} lines of {@code message}, then at most its first {@value
   * #MAX_CHARS} characters; {@code " […]"} ends a message that was cut.
   */
  public static String excerpt(String message) {
    List<String> lines = message.strip().lines().toList();
    String kept = String.join("\n", lines.subList(0, Math.min(MAX_LINES, lines.size())));
    boolean cut = lines.size() > MAX_LINES;
    if (kept.length() > MAX_CHARS) {
      kept = kept.substring(0, MAX_CHARS);
      cut = true;
    }
    return cut ? kept + CUT : kept;
  }
}
