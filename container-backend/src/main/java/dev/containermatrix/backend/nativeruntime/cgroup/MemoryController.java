package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;

/** The memory controller of one cgroup: {@link LegacyMemory} on v1, {@link UnifiedMemory} on v2. */
interface MemoryController {

  /** Limits memory to {@code bytes}, without swap where the kernel accounts swap. */
  void setMax(long bytes) throws IOException;

  /** Whether the kernel's OOM killer struck in this cgroup. */
  boolean oomKilled() throws IOException;
}
