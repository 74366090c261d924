package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;

/**
 * The cpu controller (CFS bandwidth) of one cgroup: {@link LegacyCpu} on v1, {@link UnifiedCpu} on
 * v2.
 */
interface CpuController {

  /** The CFS period both versions use, 100 ms. */
  long PERIOD_MICROS = 100_000;

  /** The kernel's smallest quota, 1 ms. */
  long MIN_QUOTA_MICROS = 1_000;

  /**
   * {@code cpus} CPUs per period, at least the kernel's minimum: {@code 0.5} is 50000 µs of 100000.
   */
  static long quotaMicros(double cpus) {
    return Math.max(MIN_QUOTA_MICROS, Math.round(cpus * PERIOD_MICROS));
  }

  /** Limits the cgroup to {@code cpus} CPUs per {@link #PERIOD_MICROS}. */
  void setQuota(double cpus) throws IOException;
}
