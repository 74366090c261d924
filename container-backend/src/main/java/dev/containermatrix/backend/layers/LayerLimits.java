package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How large one layer may be, so that a decompression bomb (a small gzip that expands to terabytes)
 * or a tar of millions of empty files is refused before it fills the disk. A layer beyond either
 * limit is refused and nothing of it is stored.
 *
 * @param maxBytes the most bytes its uncompressed tar may have; {@link #DEFAULT} allows 8 GiB
 * @param maxEntries the most entries its tar may have; {@link #DEFAULT} allows 1,000,000
 */
@API(status = INTERNAL, since = "0.1")
public record LayerLimits(long maxBytes, long maxEntries) {

  /** 8 GiB and 1,000,000 entries: far beyond any JDK or base image layer. */
  public static final LayerLimits DEFAULT = new LayerLimits(8L << 30, 1_000_000);

  public LayerLimits {
    if (maxBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException(
          "layer limits must be positive, were "
              + maxBytes
              + " bytes and "
              + maxEntries
              + " entries");
    }
  }

  /** The error for {@code layer} ("layer sha256:…") having more than {@link #maxBytes()}. */
  LayerStoreException tooLarge(String layer) {
    return new LayerStoreException(
        layer
            + " exceeds "
            + bytes(maxBytes)
            + " uncompressed: refusing it (a decompression"
            + " bomb or a corrupt image?); nothing of it was stored");
  }

  /** The error for {@code layer} having more than {@link #maxEntries()}. */
  LayerStoreException tooManyEntries(String layer) {
    return new LayerStoreException(
        layer
            + " has more than "
            + maxEntries
            + " entries: refusing it (a tar bomb or a"
            + " corrupt image?); nothing of it was stored");
  }

  /**
   * {@code 8 GiB}, {@code 64 KiB} or {@code 1000 bytes}: the largest unit that divides the count.
   */
  static String bytes(long count) {
    String[] units = {"GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (30 - 10 * i);
      if (count % unit == 0) {
        return count / unit + " " + units[i];
      }
    }
    return count + " bytes";
  }
}
