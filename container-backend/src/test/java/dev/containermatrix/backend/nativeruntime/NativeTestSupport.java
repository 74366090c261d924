package dev.containermatrix.backend.nativeruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ExitStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What native-backend tests share: the root check, a root host, scratch directories outside /tmp,
 * and the output of a probe main.
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

  /**
   * The {@code key:value} lines a probe main printed to {@code handle}'s stdout, once it has exited
   * successfully; if it has not, the assertion fails with its exit status and its stderr.
   */
  public static Map<String, String> probeOutput(ContainerHandle handle)
      throws IOException, InterruptedException {
    ExitStatus status = handle.awaitExit();
    assertThat(status.isSuccess())
        .as("%s; stderr: %s", status, Files.readString(handle.stderr()))
        .isTrue();
    return Files.readAllLines(handle.stdout()).stream()
        .filter(l -> l.contains(":"))
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1)));
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
