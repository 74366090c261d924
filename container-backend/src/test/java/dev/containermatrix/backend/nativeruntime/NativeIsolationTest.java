package dev.containermatrix.backend.nativeruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.IsolationProbeMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a native container's JVM sees of the host: as little as the design promises. */
class NativeIsolationTest {
  private static NativeRuntime runtime;
  private static Map<String, String> seen;
  private static Path workingDirectory;

  @BeforeAll
  static void runProbe() throws Exception {
    HostRequirements.require(NativeTestSupport.isRoot(), "native isolation tests need root");
    runtime = new NativeRuntime(NativeTestSupport.rootHost());
    Path scratch = NativeTestSupport.scratch("isolation");
    Path secret = Files.writeString(scratch.resolve("host-secret.txt"), "secret");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ContainerSpec spec =
          TestSpecs.hostSpec(
                  scratch,
                  "isolation",
                  IsolationProbeMain.class,
                  List.of(Integer.toString(server.getLocalPort()), "/root/.m2/repository"))
              .withHostname("variant-0123");
      workingDirectory = spec.workingDirectory();
      try (ContainerHandle handle = runtime.launch(spec)) {
        seen = NativeTestSupport.probeOutput(handle);
      }
      assertThat(secret).exists();
    }
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void itsJvmSeesOnlyItsOwnPidNamespace() {
    // pid 1 is the shell that started it and waits for it; the few pids between went to mount, ip,
    // pivot_root and umount, which have ended
    assertThat(Integer.parseInt(seen.get("pid"))).isLessThan(10);
    assertThat(Integer.parseInt(seen.get("processes"))).isEqualTo(2);
  }

  @Test
  void itsHostnameIsTheOneAskedFor() {
    assertThat(seen.get("hostname")).isEqualTo("variant-0123");
    assertThat(seen.get("etc-hostname")).isEqualTo("variant-0123");
  }

  @Test
  void itHasLoopbackOnlyAndCannotReachAPortTheHostOpenedOnLoopback() {
    assertThat(seen.get("interfaces")).isEqualTo("lo+up");
    assertThat(seen.get("host-port")).isEqualTo("refused");
  }

  @Test
  void hostPathsOutsideItsBaseAreNotVisible() {
    assertThat(seen.get("host-path-visible")).isEqualTo("false");
    assertThat(seen.get("root-home-visible")).isEqualTo("false");
  }

  @Test
  void itsWritesDoNotReachTheHost() {
    assertThat(seen.get("wrote")).isEqualTo("yes");
    assertThat(workingDirectory.resolve("written-by-container.txt")).doesNotExist();
    assertThat(Path.of("/tmp/written-by-container.txt")).doesNotExist();
  }

  @Test
  void itHasAMinimalDev() {
    assertThat(seen.get("dev").split(","))
        .contains("null", "zero", "full", "random", "urandom", "tty", "pts", "shm")
        .doesNotContain("sda", "vda", "kmsg", "mem");
  }
}
