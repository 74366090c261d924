package dev.containermatrix.engine.html;

import java.util.Locale;

/** Sizes and durations as a person reads them. */
final class Units {
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Units() {}

  /** {@code 536870912} as {@code 512 MiB}, {@code 1536} as {@code 1.5 KiB}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%d %s", (long) value, BINARY[unit]);
    }
    return String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
  }

  /** {@code 3200} ms as {@code 3.2s}, {@code 80000} as {@code 1m20s}, {@code 0} as {@code 0s}. */
  static String millis(long millis) {
    if (millis < 0) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return (seconds / 60) + "m" + (seconds % 60) + "s";
    }
    return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
  }
}
