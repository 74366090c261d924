package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeClosureTest {

  private static final Path ECHO = Path.of("/usr/bin/echo");

  @Test
  void theClosureOfEchoHoldsLibcAndTheLoaderWithTheirSymlinksButNotEchoItself() throws Exception {
    HostRequirements.require(Files.isExecutable(Path.of("/usr/bin/ldd")) && Files.isExecutable(ECHO),
        "ldd and a dynamically linked /usr/bin/echo (glibc hosts)");

    ReproducibleLayer layer = NativeClosure.layer(List.of(ECHO), List.of(Path.of("/etc/passwd"), Path.of("/no/such/file")));

    List<String> paths = layer.paths();
    assertThat(paths).anyMatch(p -> p.endsWith("/libc.so.6")).anyMatch(p -> p.contains("ld-linux"))
        .contains("etc/passwd").doesNotContain("usr/bin/echo", "no/such/file");
    for (String path : paths) {
      Path host = Path.of("/").resolve(path);
      assertThat(Files.exists(host) || Files.isSymbolicLink(host)).as(path + " is a host path").isTrue();
    }
    if (Files.isSymbolicLink(Path.of("/lib64"))) {
      assertThat(paths).as("a symlink on the way to the loader stays a symlink").contains("lib64");
    }
  }
}
