package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Parses and prints the sizes, CPU counts and durations that matrices are written with.
 *
 * <p>Byte sizes use binary units: {@code 1k} is 1024 bytes, {@code 1m} is 1024 KiB, and so on.
 */
@API(status = INTERNAL, since = "0.1")
public final class Sizes {
  private static final Pattern BYTES =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CPUS = Pattern.compile("\\d+(?:\\.\\d+)?|\\.\\d+");
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+)(ms|d|h|m|s)", Pattern.CASE_INSENSITIVE);
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  /**
   * Parses a byte size such as {@code 256m}, {@code 1g}, {@code 1.5GiB}, {@code 512k} or {@code
   * 1024}.
   *
   * @throws MatrixDefinitionException naming {@code origin} and {@code text} when it is not a size,
   *     or not a whole number of bytes
   */
  public static long parseBytes(String text, Origin origin) {
    Matcher m = BYTES.matcher(text.trim());
    if (!m.matches()) {
      throw new MatrixDefinitionException(
          origin,
          "'"
              + text
              + "' is not a size; write a number with an optional unit k, m, g or t, like 256m, 1g"
              + " or 1.5GiB");
    }
    int shift =
        m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
    try {
      return bytes.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new MatrixDefinitionException(
          origin,
          "'"
              + text
              + "' is not a whole number of bytes below 8 EiB; write it like 256m, 1g or 1.5GiB",
          e);
    }
  }

  /**
   * Parses a positive CPU count such as {@code 1}, {@code 0.5} or {@code 2}.
   *
   * @throws MatrixDefinitionException naming {@code origin} and {@code text} otherwise
   */
  public static double parseCpus(String text, Origin origin) {
    String trimmed = text.trim();
    if (!CPUS.matcher(trimmed).matches() || !(Double.parseDouble(trimmed) > 0)) {
      throw new MatrixDefinitionException(
          origin, "'" + text + "' is not a CPU count; write a positive number like 1, 0.5 or 2");
    }
    return Double.parseDouble(trimmed);
  }

  /**
   * Parses a positive duration: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d},
   * combinations such as {@code 1h30m}, or ISO-8601 such as {@code PT10M}.
   *
   * @throws MatrixDefinitionException naming {@code origin} and {@code text} when it is malformed
   *     or not positive
   */
  public static Duration parseDuration(String text, Origin origin) {
    String trimmed = text.trim();
    Duration duration =
        trimmed.regionMatches(true, 0, "P", 0, 1) ? parseIso(trimmed) : parseUnits(trimmed);
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new MatrixDefinitionException(
          origin,
          "'"
              + text
              + "' is not a positive duration; write it like 500ms, 30s, 10m, 1h30m or PT10M");
    }
    return duration;
  }

  private static Duration parseIso(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration parseUnits(String text) {
    Matcher m = DURATION_PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    try {
      while (m.find() && m.start() == end) {
        long amount = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  case "h" -> Duration.ofHours(amount);
                  default -> Duration.ofDays(amount);
                });
        end = m.end();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return end == text.length() && end > 0 ? total : null;
  }

  /**
   * Prints a byte count with a binary unit and at most two decimals: {@code 256 MiB}, {@code 1.5
   * GiB}, {@code 512 B}.
   */
  public static String formatBytes(long bytes) {
    int unit = 0;
    while (unit < UNITS.length - 1 && Math.abs(bytes) >= 1L << (10 * (unit + 1))) {
      unit++;
    }
    BigDecimal value =
        BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(1L << (10 * unit)), 2, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    return value.toPlainString() + " " + UNITS[unit];
  }
}
