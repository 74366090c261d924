package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/** The cgroup v1 cpu controller (CFS bandwidth) of one cgroup. */
final class LegacyCpu {

  /** The CFS period both versions use, 100 ms. */
  static final long PERIOD_MICROS = 100_000;
  /** The kernel's smallest quota, 1 ms. */
  static final long MIN_QUOTA_MICROS = 1_000;

  private final Path directory;

  LegacyCpu(Path directory) {
    this.directory = directory;
  }

  /** {@code cpus} CPUs per period, at least the kernel's minimum: {@code 0.5} is 50000 µs of 100000. */
  static long quotaMicros(double cpus) {
    return Math.max(MIN_QUOTA_MICROS, Math.round(cpus * PERIOD_MICROS));
  }

  /** Writes {@code cpu.cfs_period_us}, then {@code cpu.cfs_quota_us}. */
  void setQuota(double cpus) throws IOException {
    ControlFiles.write(directory.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
    ControlFiles.write(directory.resolve("cpu.cfs_quota_us"), Long.toString(quotaMicros(cpus)));
  }
}
