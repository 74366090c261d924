package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** {@code containermatrix.archive}: which runs are archived. */
@API(status = INTERNAL, since = "0.1")
public enum ArchiveMode {
  /** Every run. */
  ON,
  /** Only runs in which a variant did not pass. */
  FAILED,
  /** None. */
  OFF;

  /**
   * @param key the configuration key the text came from, named in the error
   * @throws IllegalArgumentException naming the key, the value and the allowed values
   */
  public static ArchiveMode parse(String key, String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + key
              + "='"
              + text
              + "' is not one of on, failed, off; set it to on (archive every"
              + " run), failed (only runs with a variant that did not pass) or off",
          e);
    }
  }

  /** Whether a run whose variants all passed ({@code allPassed}) or not is archived. */
  public boolean archives(boolean allPassed) {
    return switch (this) {
      case ON -> true;
      case FAILED -> !allPassed;
      case OFF -> false;
    };
  }
}
