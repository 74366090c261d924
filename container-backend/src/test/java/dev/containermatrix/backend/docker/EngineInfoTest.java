package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the engine says it can enforce, and how a limit it cannot is reported. */
class EngineInfoTest {
  private static final ResourceLimits ALL_SET =
      ResourceLimits.none().withMemoryBytes(256L << 20).withCpus(1).withPids(64).withCpuset("0");

  @Test
  void eachLimitTheEngineCannotEnforceIsNamedWithTheEnginesOwnWord() {
    EngineInfo.Enforces rootlessPodmanOnCgroupV1 =
        new EngineInfo.Enforces(false, false, false, false, false);

    assertThat(rootlessPodmanOnCgroupV1.missing(ALL_SET, "unix:///run/podman.sock"))
        .containsExactly(
            "memory is not enforced: the Docker engine at unix:///run/podman.sock says it cannot"
                + " (MemoryLimit false)",
            "cpus is not enforced: the Docker engine at unix:///run/podman.sock says it cannot"
                + " (CpuCfsQuota false)",
            "pids is not enforced: the Docker engine at unix:///run/podman.sock says it cannot"
                + " (PidsLimit false)",
            "cpuset is not enforced: the Docker engine at unix:///run/podman.sock says it cannot"
                + " (CPUSet false)");
  }

  @Test
  void anEngineWithoutSwapLimitsMaySwapAndUnsetLimitsAreNeverNamed() {
    EngineInfo.Enforces noSwap = new EngineInfo.Enforces(true, false, true, true, true);

    assertThat(noSwap.missing(ALL_SET, "e")).singleElement().asString().contains("may swap");
    assertThat(noSwap.missing(ResourceLimits.none().withCpus(1), "e")).isEmpty();
  }

  @Test
  void thisHostsEngineSaysItRunsHereAndEnforcesEveryLimit() throws Exception {
    DockerApi api = HostRequirements.requireDockerEngine();

    EngineInfo info = api.info();

    assertThat(info.name())
        .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    assertThat(info.limits()).isEqualTo(EngineInfo.Enforces.ALL);
  }
}
