package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/** The cgroup v1 cpu controller (CFS bandwidth) of one cgroup. */
final class LegacyCpu implements CpuController {

  private final Path directory;

  LegacyCpu(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code cpu.cfs_period_us}, then {@code cpu.cfs_quota_us}. */
  @Override
  public void setQuota(double cpus) throws IOException {
    ControlFiles.write(directory.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
    ControlFiles.write(
        directory.resolve("cpu.cfs_quota_us"), Long.toString(CpuController.quotaMicros(cpus)));
  }
}
