package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.nativeruntime.probe.Ldd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeClosureTest {

  private static final Path ECHO = Path.of("/usr/bin/echo");

  @Test
  void theClosureOfEchoHoldsLibcAndTheLoaderWithTheirSymlinksButNotEchoItself() throws Exception {
    HostRequirements.require(
        Files.isExecutable(Path.of("/usr/bin/ldd")) && Files.isExecutable(ECHO),
        "ldd and a dynamically linked /usr/bin/echo (glibc hosts)");

    ReproducibleLayer layer =
        NativeClosure.layer(
            List.of(ECHO), List.of(Path.of("/etc/passwd"), Path.of("/no/such/file")));

    List<String> paths = layer.paths();
    assertThat(paths)
        .anyMatch(p -> p.endsWith("/libc.so.6"))
        .anyMatch(p -> p.contains("ld-linux"))
        .contains("etc/passwd")
        .doesNotContain("usr/bin/echo", "no/such/file");
    for (String path : paths) {
      Path host = Path.of("/").resolve(path);
      assertThat(Files.exists(host) || Files.isSymbolicLink(host))
          .as(path + " is a host path")
          .isTrue();
    }
    if (Files.isSymbolicLink(Path.of("/lib64"))) {
      assertThat(paths).as("a symlink on the way to the loader stays a symlink").contains("lib64");
    }
  }

  @Test
  void anLddThatHangsIsKilledAfterItsTimeLimitAndSaysSo(@TempDir Path temp) throws Exception {
    HostRequirements.require(Files.isExecutable(ECHO), "an ELF file at " + ECHO);
    Path ldd = temp.resolve("ldd");
    Files.writeString(ldd, "#!/bin/sh\necho hanging >&2\nexec sleep 60\n");
    Files.setPosixFilePermissions(ldd, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(
            () ->
                NativeClosure.layer(
                    List.of(ECHO), List.of(), new Ldd(ldd.toString(), Duration.ofSeconds(1))))
        .isInstanceOf(IOException.class)
        .hasMessage(
            ldd
                + " "
                + ECHO
                + " did not finish within 1 s and was killed: hanging: check that"
                + " ldd works on this host (ldd /bin/sh), or leave these files out of the closure");
  }
}
