package dev.containermatrix.engine.schedule;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Sizes;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * What one host offers the variants of a run: its CPUs, and its memory less what the host keeps for
 * itself.
 *
 * @param cpus the host's CPUs; variants' CPU limits together never exceed them
 * @param memoryBytes the memory variants' limits may add up to; empty where the host's memory is
 *     unknown (then memory does not limit admission)
 */
@API(status = INTERNAL, since = "0.1")
public record HostCapacity(int cpus, OptionalLong memoryBytes) {

  /** What the kernel, page cache and the build tool besides the host JVM's heap are left. */
  public static final long SYSTEM_RESERVE_BYTES = 512L << 20;

  public HostCapacity {
    if (cpus < 1) {
      throw new IllegalArgumentException("a host has at least one CPU, not " + cpus);
    }
    if (memoryBytes == null) {
      throw new NullPointerException("memoryBytes");
    }
    memoryBytes.ifPresent(
        m -> {
          if (m < 0) {
            throw new IllegalArgumentException(
                "a host's memory for variants must not be negative, was " + m);
          }
        });
  }

  /**
   * The capacity of a host with {@code cpus} CPUs and {@code memTotal} bytes of memory whose host
   * JVM (the engine's, which relays the variants' events) may grow its heap to {@code
   * hostJvmMaxHeap}: variants get the memory less that heap and {@link #SYSTEM_RESERVE_BYTES}, at
   * least nothing.
   */
  public static HostCapacity forVariants(int cpus, OptionalLong memTotal, long hostJvmMaxHeap) {
    if (hostJvmMaxHeap < 0) {
      throw new IllegalArgumentException(
          "the host JVM's heap must not be negative, was " + hostJvmMaxHeap);
    }
    OptionalLong forVariants =
        memTotal.isPresent()
            ? OptionalLong.of(
                Math.max(0, memTotal.getAsLong() - hostJvmMaxHeap - SYSTEM_RESERVE_BYTES))
            : OptionalLong.empty();
    return new HostCapacity(cpus, forVariants);
  }

  /** {@code 2 CPUs, 6.5 GiB}, as admission notes name the capacity. */
  String describe() {
    return cpus
        + (cpus == 1 ? " CPU" : " CPUs")
        + memoryBytes.stream().mapToObj(m -> ", " + Sizes.formatBytes(m)).findFirst().orElse("");
  }
}
