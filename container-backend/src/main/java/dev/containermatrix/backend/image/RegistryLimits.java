package dev.containermatrix.backend.image;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how much a registry may take. Every response body is read with these bounds, so a
 * registry that stalls, trickles or sends too much ends the pull with an error naming the URL
 * instead of hanging it or filling the disk.
 *
 * @param connectTimeout the longest a connection may take to open
 * @param readTimeout the longest the registry may stay silent: before the response's headers, and
 *     between any two pieces of its body
 * @param documentBytes the most a manifest, index, config or token response may have; the
 *     distribution spec asks registries to accept manifests of at least 4 MiB, so that is the
 *     default
 * @param minimumBytesPerSecond the slowest average rate a body may arrive at: a body of (at most)
 *     {@code n} bytes must be read whole within {@code readTimeout + n / minimumBytesPerSecond}
 */
record RegistryLimits(
    Duration connectTimeout, Duration readTimeout, int documentBytes, long minimumBytesPerSecond) {

  /**
   * 20 s to connect, 60 s of silence, 4 MiB documents, 128 KiB/s (a 1 GiB layer may take 2 h 17
   * min).
   */
  static final RegistryLimits DEFAULT =
      new RegistryLimits(
          Duration.ofSeconds(20), Duration.ofSeconds(60), 4 * 1024 * 1024, 128 * 1024);

  RegistryLimits {
    positive(
        Objects.requireNonNull(connectTimeout, "connectTimeout must not be null"),
        "connectTimeout");
    positive(Objects.requireNonNull(readTimeout, "readTimeout must not be null"), "readTimeout");
    if (documentBytes <= 0) {
      throw new IllegalArgumentException("documentBytes must be positive, was " + documentBytes);
    }
    if (minimumBytesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "minimumBytesPerSecond must be positive, was " + minimumBytesPerSecond);
    }
  }

  /** The time a body of at most {@code bytes} bytes may take as a whole. */
  Duration deadlineFor(long bytes) {
    long millis = Math.multiplyExact(Math.max(bytes, 0), 1000L) / minimumBytesPerSecond;
    return readTimeout.plusMillis(millis);
  }

  private static void positive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }
}
