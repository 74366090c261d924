package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A size as people write it for a bound: a positive whole number and a unit, {@code KB}, {@code
 * MB}, {@code GB} or {@code TB}, in binary multiples (1KB = 1024 bytes), case-insensitive, with or
 * without a space: {@code 500MB}, {@code 10gb}, {@code 2 TB}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,18})\\s*([KMGT])B", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * The bytes {@code text} stands for; empty when it is not such a size, is 0, or is more than a
   * long holds.
   */
  public static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    int shift =
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          default -> 40;
        };
    long number = Long.parseLong(m.group(1));
    if (number == 0 || number > (Long.MAX_VALUE >> shift)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(number << shift);
  }

  /**
   * {@code bytes} for people, in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 10.0 GiB}.
   */
  public static String format(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
