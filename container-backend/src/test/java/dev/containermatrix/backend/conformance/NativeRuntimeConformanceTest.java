package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerSpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * The native backend keeps the runtime contract as root. Its scratch directories live under {@code
 * target/}, since a container's working directory may not be under {@code /tmp}.
 */
class NativeRuntimeConformanceTest extends NativeConformanceBase {
  @BeforeAll
  static void requireRoot() throws IOException {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend's root conformance run needs root");
    use(new NativeRuntime(NativeTestSupport.rootHost()));
  }

  @org.junit.jupiter.api.Test
  void countsTheCpuTimeOfTheContainersProcessesOnceItExited() throws Exception {
    ContainerSpec spec =
        spec(
            scratch,
            "cpu-time",
            dev.containermatrix.backend.testmains.ExitMain.class,
            List.of("0"));
    try (var handle = runtime().launch(spec)) {
      handle.awaitExit();
      org.assertj.core.api.Assertions.assertThat(handle.cpuTime())
          .hasValueSatisfying(cpu -> org.assertj.core.api.Assertions.assertThat(cpu).isPositive());
    }
  }

  @org.junit.jupiter.api.Test
  void reportsAPeakMemoryOfAtLeastWhatTheContainerAllocated() throws Exception {
    ContainerSpec base =
        spec(
            scratch,
            "peak-memory",
            dev.containermatrix.backend.testmains.AllocateMain.class,
            List.of("64"));
    ContainerSpec spec = base.withLimits(base.limits().withMemoryBytes(512L << 20));
    try (var handle = runtime().launch(spec)) {
      org.assertj.core.api.Assertions.assertThat(handle.awaitExit().isSuccess()).isTrue();
      org.assertj.core.api.Assertions.assertThat(handle.peakMemory()).isPresent();
      org.assertj.core.api.Assertions.assertThat(handle.peakMemory().getAsLong())
          .isGreaterThan(64L << 20);
    }
  }

  @org.junit.jupiter.api.Test
  void reportsThePeakMemoryOfAContainerWithoutAMemoryLimitFromACgroupThatOnlyAccounts()
      throws Exception {
    ContainerSpec spec =
        spec(
            scratch,
            "peak-unlimited",
            dev.containermatrix.backend.testmains.AllocateMain.class,
            List.of("64"));
    org.assertj.core.api.Assertions.assertThat(spec.limits().memoryBytes()).isEmpty();
    try (var handle = runtime().launch(spec)) {
      org.assertj.core.api.Assertions.assertThat(handle.awaitExit().isSuccess()).isTrue();
      org.assertj.core.api.Assertions.assertThat(handle.notEnforced()).isEmpty();
      org.assertj.core.api.Assertions.assertThat(handle.peakMemory()).isPresent();
      org.assertj.core.api.Assertions.assertThat(handle.peakMemory().getAsLong())
          .isGreaterThanOrEqualTo(64L << 20);
    }
  }
}
