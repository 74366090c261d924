package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.nativeruntime.NativeHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What native-backend tests share: the root check and scratch directories outside /tmp. */
final class NativeTestHost {
  private NativeTestHost() {}

  static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("Uid:")).findFirst()
          .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  static NativeHost root() {
    return new NativeHost(false, true, List.of());
  }

  /** A directory under target/ named after the test's temp dir, short enough for a socket path. */
  static Path scratchOutsideTmp(Path tempDir) {
    try {
      Path dir = Path.of("target", "ns", Integer.toHexString(tempDir.toString().hashCode())).toAbsolutePath();
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
