package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/** The cgroup v2 cpu controller of one cgroup. */
final class UnifiedCpu implements CpuController {

  private final Path directory;

  UnifiedCpu(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes {@code cpu.max} as {@code "<quota> 100000"}: {@code 0.5} CPUs is {@code 50000 100000}.
   */
  @Override
  public void setQuota(double cpus) throws IOException {
    ControlFiles.write(
        directory.resolve("cpu.max"), CpuController.quotaMicros(cpus) + " " + PERIOD_MICROS);
  }
}
