package dev.containermatrix.backend.spi;

import java.math.BigDecimal;
import java.time.Duration;

/** Sizes, durations and CPU counts written the way users read them. */
final class Units {

  private static final long KIB = 1024;
  private static final long MIB = KIB * 1024;
  private static final long GIB = MIB * 1024;

  private Units() {}

  /** {@code 268435456} as {@code 256 MiB}; sizes that are no whole KiB, MiB or GiB in bytes. */
  static String bytes(long bytes) {
    if (bytes >= GIB && bytes % GIB == 0) {
      return bytes / GIB + " GiB";
    }
    if (bytes >= MIB && bytes % MIB == 0) {
      return bytes / MIB + " MiB";
    }
    if (bytes >= KIB && bytes % KIB == 0) {
      return bytes / KIB + " KiB";
    }
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }

  /** {@code 2s}, {@code 1m30s}, {@code 1h}, {@code 1.5s}, {@code 250ms}. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long restMillis = millis % 60_000;
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (restMillis > 0) {
      out.append(BigDecimal.valueOf(restMillis, 3).stripTrailingZeros().toPlainString())
          .append('s');
    }
    return out.toString();
  }

  /** {@code 1.0} as {@code 1}, {@code 1.5} as {@code 1.5}. */
  static String cpus(double cpus) {
    return BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString();
  }
}
