package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;

/** The memory controller of one cgroup: {@link LegacyMemory} on v1, {@link UnifiedMemory} on v2. */
interface MemoryController {

  /** Limits memory to {@code bytes}, without swap where the kernel accounts swap. */
  void setMax(long bytes) throws IOException;

  /** Whether the kernel's OOM killer struck in this cgroup. */
  boolean oomKilled() throws IOException;

  /** The cgroup's memory high-water mark in bytes; empty where the kernel does not keep one. */
  java.util.OptionalLong peakBytes() throws IOException;

  /**
   * The number in {@code file}, if it exists; a file that holds no number is an error naming it.
   */
  static java.util.OptionalLong readBytes(java.nio.file.Path file) throws IOException {
    java.util.Optional<String> text = ControlFiles.readIfExists(file);
    if (text.isEmpty()) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(Long.parseLong(text.get().strip()));
    } catch (NumberFormatException e) {
      throw new IOException(file + " holds no byte count: \"" + text.get().strip() + "\"", e);
    }
  }
}
