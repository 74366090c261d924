package dev.containermatrix.backend.nativeruntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What native-backend tests share: the root check, a root host, and scratch directories outside
 * /tmp.
 */
public final class NativeTestSupport {
  private NativeTestSupport() {}

  public static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("Uid:"))
          .findFirst()
          .map(l -> l.split("\\s+")[2].equals("0"))
          .orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  public static NativeHost rootHost() {
    return new NativeHost(false, true, List.of());
  }

  /**
   * A fresh directory under target/ (a container's working directory may not be under /tmp), short
   * enough for a socket path.
   */
  public static Path scratch(String name) {
    try {
      Path base = Path.of(System.getProperty("containermatrix.test.scratch", "target/ns"));
      Path dir = base.resolve(name + "-" + Long.toHexString(System.nanoTime())).toAbsolutePath();
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
