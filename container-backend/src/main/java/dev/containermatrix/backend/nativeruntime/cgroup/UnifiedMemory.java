package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cgroup v2 memory controller of one cgroup. */
final class UnifiedMemory implements MemoryController {

  private final Path directory;

  UnifiedMemory(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes {@code memory.max}, and {@code memory.swap.max} 0 where swap accounting exists (asked of
   * the parent, which is not the root cgroup).
   */
  @Override
  public void setMax(long bytes) throws IOException {
    ControlFiles.write(directory.resolve("memory.max"), Long.toString(bytes));
    if (Files.exists(directory.getParent().resolve("memory.swap.max"))) {
      ControlFiles.write(directory.resolve("memory.swap.max"), "0");
    }
  }

  /** {@code memory.peak}, which kernels before 5.19 do not have. */
  @Override
  public java.util.OptionalLong peakBytes() throws IOException {
    return MemoryController.readBytes(directory.resolve("memory.peak"));
  }

  /** Whether {@code oom_kill} in {@code memory.events} is positive. */
  @Override
  public boolean oomKilled() throws IOException {
    return ControlFiles.keyed(directory.resolve("memory.events"), "oom_kill") > 0;
  }
}
