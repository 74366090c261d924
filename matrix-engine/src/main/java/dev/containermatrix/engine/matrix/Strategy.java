package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a matrix runs.
 *
 * @param maxParallel most variants of this matrix at once; 0 lets the scheduler decide
 * @param timeout per variant; the variant is killed when it runs longer
 */
@API(status = INTERNAL, since = "0.1")
public record Strategy(
    Combinations combinations, boolean failFast, int maxParallel, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Strategy {
    Objects.requireNonNull(combinations, "combinations");
    Objects.requireNonNull(timeout, "timeout");
    if (maxParallel < 0) {
      throw new IllegalArgumentException(
          "maxParallel must be 0 (scheduler decides) or positive, was " + maxParallel);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  public static Strategy defaults() {
    return new Strategy(Combinations.ALL, false, 0, DEFAULT_TIMEOUT);
  }

  /** How axes combine: the full product, or a pairwise covering subset. */
  public enum Combinations {
    ALL,
    PAIRWISE
  }
}
