package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cgroup v1 memory controller of one cgroup. */
final class LegacyMemory implements MemoryController {

  private final Path directory;

  LegacyMemory(Path directory) {
    this.directory = directory;
  }

  /**
   * Limits memory to {@code bytes} without swap: {@code memory.limit_in_bytes}, then {@code
   * memory.memsw.limit_in_bytes} (memory plus swap) to the same value where swap accounting exists,
   * and {@code memory.swappiness} 0 where the kernel lets it be written. Whether a file exists is
   * asked of the parent, which is in the same hierarchy and not its root.
   */
  @Override
  public void setMax(long bytes) throws IOException {
    ControlFiles.write(directory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
    if (Files.exists(directory.getParent().resolve("memory.memsw.limit_in_bytes"))) {
      ControlFiles.write(directory.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
    }
    if (Files.exists(directory.getParent().resolve("memory.swappiness"))) {
      try {
        ControlFiles.write(directory.resolve("memory.swappiness"), "0");
      } catch (IOException e) {
        // some kernels refuse per-cgroup swappiness; memsw already keeps the limit free of swap
      }
    }
  }

  /** {@code memory.max_usage_in_bytes}. */
  @Override
  public java.util.OptionalLong peakBytes() throws IOException {
    return MemoryController.readBytes(directory.resolve("memory.max_usage_in_bytes"));
  }

  /**
   * Whether the kernel's OOM killer struck in this cgroup: {@code oom_kill} in {@code
   * memory.oom_control} is positive, or (on kernels without that line) the limit was hit while
   * {@code under_oom}.
   */
  @Override
  public boolean oomKilled() throws IOException {
    Path control = directory.resolve("memory.oom_control");
    if (ControlFiles.keyed(control, "oom_kill") > 0) {
      return true;
    }
    return ControlFiles.keyed(control, "under_oom") > 0
        && Long.parseLong(
                ControlFiles.readIfExists(directory.resolve("memory.failcnt")).orElse("0"))
            > 0;
  }
}
