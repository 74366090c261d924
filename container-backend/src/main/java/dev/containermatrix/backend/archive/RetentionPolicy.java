package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Which runs {@link RunArchive#retain} keeps. A run is removed only if every rule that is set says so:
 * it is not among the newest {@code keepLast} runs, and it is older than {@code keepFor}. With neither
 * rule set, every run is kept (and only unreferenced blobs are removed).
 *
 * @param keepLast how many of the newest runs to keep; at least 0
 * @param keepFor how long to keep a run after it was committed; not negative
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RetentionPolicy(OptionalInt keepLast, Optional<Duration> keepFor) {

  public RetentionPolicy {
    Objects.requireNonNull(keepLast, "keepLast (use OptionalInt.empty())");
    Objects.requireNonNull(keepFor, "keepFor (use Optional.empty())");
    if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
      throw new IllegalArgumentException("keepLast must be 0 or more, was " + keepLast.getAsInt());
    }
    if (keepFor.isPresent() && keepFor.get().isNegative()) {
      throw new IllegalArgumentException("keepFor must not be negative, was " + keepFor.get());
    }
  }

  /** Keeps the newest {@code n} runs. */
  public static RetentionPolicy keepLast(int n) {
    return new RetentionPolicy(OptionalInt.of(n), Optional.empty());
  }

  /** Keeps the runs committed within {@code duration}. */
  public static RetentionPolicy keepFor(Duration duration) {
    return new RetentionPolicy(OptionalInt.empty(), Optional.of(duration));
  }
}
