package dev.containermatrix.engine.schedule;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import org.apiguardian.api.API;

/**
 * What a variant takes of the host while it runs, by its limits: CPUs in thousandths (so sums are
 * exact) and memory in bytes; 0 where it has no such limit, so it takes only its place in the
 * count.
 *
 * @param milliCpus its CPU limit times 1000, rounded up; 0 without one
 * @param memoryBytes its memory limit; 0 without one
 */
@API(status = INTERNAL, since = "0.1")
public record Demand(long milliCpus, long memoryBytes) {

  /** A variant without CPU or memory limits. */
  public static final Demand NONE = new Demand(0, 0);

  public Demand {
    if (milliCpus < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException(
          "a demand must not be negative, was "
              + milliCpus
              + " milli-CPUs and "
              + memoryBytes
              + " bytes");
    }
  }

  /** The demand of a variant with {@code limits}: its cpus and memory limits, nothing else. */
  public static Demand of(ResourceLimits limits) {
    long milliCpus = limits.cpus().map(c -> (long) Math.ceil(c * 1000)).orElse(0L);
    return new Demand(milliCpus, limits.memoryBytes().orElse(0));
  }
}
