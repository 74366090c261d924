package dev.containermatrix.engine.progress;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The {@code containermatrix.progress} configuration parameter: {@code auto} (the default: a line
 * per finished variant and a summary every {@value #DEFAULT_SECONDS} s, unless the build is quiet,
 * as under Maven's {@code -q}), {@code off}, or a period such as {@code 30s}, {@code 2m} or {@code
 * 500ms} (on even in a quiet build, with the summary at that period).
 *
 * @param period the summary's period; empty when progress is off
 * @param explicit whether a period was set, which shows progress even in a quiet build
 */
@API(status = INTERNAL, since = "0.1")
public record ProgressSetting(Optional<Duration> period, boolean explicit) {
  public static final String KEY = "containermatrix.progress";
  static final long DEFAULT_SECONDS = 30;
  private static final Pattern PERIOD = Pattern.compile("(\\d{1,9})(ms|s|m)");

  public ProgressSetting {
    Objects.requireNonNull(period, "period");
    period.ifPresent(
        p -> {
          if (p.isNegative() || p.isZero()) {
            throw new IllegalArgumentException("a progress period must be positive, was " + p);
          }
        });
  }

  /** The default: {@code auto}. */
  public static ProgressSetting auto() {
    return new ProgressSetting(Optional.of(Duration.ofSeconds(DEFAULT_SECONDS)), false);
  }

  /**
   * Parses {@code auto}, {@code off} or a period; surrounding spaces are ignored.
   *
   * @throws IllegalArgumentException naming {@value #KEY}, the value and the forms it takes
   */
  public static ProgressSetting parse(String text) {
    String value = text.trim();
    if (value.equals("auto")) {
      return auto();
    }
    if (value.equals("off")) {
      return new ProgressSetting(Optional.empty(), false);
    }
    Matcher period = PERIOD.matcher(value);
    if (period.matches() && Long.parseLong(period.group(1)) > 0) {
      long amount = Long.parseLong(period.group(1));
      Duration duration =
          switch (period.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
          };
      return new ProgressSetting(Optional.of(duration), true);
    }
    throw new IllegalArgumentException(
        "Configuration parameter "
            + KEY
            + "='"
            + text
            + "' is not auto, off or a period; set it to auto (progress on the console unless the"
            + " build is quiet), off, or the period of the summary line such as 30s, 2m or 500ms");
  }

  /** The summary's period if progress shows in a build that is {@code quiet} or not; else empty. */
  public Optional<Duration> shownPeriod(boolean quiet) {
    return quiet && !explicit ? Optional.empty() : period;
  }
}
