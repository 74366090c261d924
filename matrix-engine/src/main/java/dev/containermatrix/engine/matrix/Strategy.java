package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a matrix runs.
 *
 * @param maxParallel most variants of this matrix at once; 0 lets the scheduler decide
 * @param timeout per variant; the variant is killed when it runs longer
 * @param allowFailures the variants allowed to fail (GitHub Actions' {@code continue-on-error}): a
 *     variant matching any entry (every {@code axis=value} of it) still runs and reports its
 *     failures, but as aborted, so the build does not fail; never {@code null}, often empty
 */
@API(status = INTERNAL, since = "0.1")
public record Strategy(
    Combinations combinations,
    boolean failFast,
    int maxParallel,
    Duration timeout,
    List<ValueSelector> allowFailures) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Strategy {
    Objects.requireNonNull(combinations, "combinations");
    Objects.requireNonNull(timeout, "timeout");
    allowFailures = List.copyOf(allowFailures);
    if (maxParallel < 0) {
      throw new IllegalArgumentException(
          "maxParallel must be 0 (scheduler decides) or positive, was " + maxParallel);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** A strategy that allows no variant to fail. */
  public Strategy(Combinations combinations, boolean failFast, int maxParallel, Duration timeout) {
    this(combinations, failFast, maxParallel, timeout, List.of());
  }

  /** This strategy with {@code allowFailures} instead of its own. */
  public Strategy withAllowFailures(List<ValueSelector> allowFailures) {
    return new Strategy(combinations, failFast, maxParallel, timeout, allowFailures);
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
