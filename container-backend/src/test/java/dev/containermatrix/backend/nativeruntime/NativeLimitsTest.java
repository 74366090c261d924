package dev.containermatrix.backend.nativeruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.cgroup.ContainerCgroups;
import dev.containermatrix.backend.nativeruntime.cgroup.Controller;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.backend.testmains.LimitsProbeMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits hold inside native containers as root, and the JVM inside sees them. */
class NativeLimitsTest {
  private static NativeRuntime runtime;

  @BeforeAll
  static void requireRootWithCgroups() {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "enforcing limits with cgroups needs root");
    var support = ContainerCgroups.host().support();
    HostRequirements.require(
        support.canEnforce(Controller.MEMORY)
            && support.canEnforce(Controller.CPU)
            && support.canEnforce(Controller.PIDS),
        "this host has no writable memory, cpu and pids cgroups: " + support.describe());
    runtime = new NativeRuntime(NativeTestSupport.rootHost());
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static ContainerSpec spec(String id, ResourceLimits limits, String... args) {
    return TestSpecs.hostSpec(
            NativeTestSupport.scratch(id), id, LimitsProbeMain.class, List.of(args))
        .withHostname(id)
        .withLimits(limits);
  }

  private static Map<String, String> run(ContainerSpec spec) throws Exception {
    try (ContainerHandle handle = runtime.launch(spec)) {
      Map<String, String> seen = NativeTestSupport.probeOutput(handle);
      assertThat(handle.notEnforced()).isEmpty();
      return seen;
    }
  }

  @Test
  void theJvmSeesItsCpusAndItsDefaultHeapFollowsItsMemory() throws Exception {
    Map<String, String> seen =
        run(spec("view", ResourceLimits.none().withCpus(1).withMemoryBytes(512L << 20)));
    assertThat(seen.get("processors")).isEqualTo("1");
    // the default max heap is a quarter of the memory the JVM believes it has
    assertThat(Long.parseLong(seen.get("maxHeap"))).isBetween(100L << 20, 128L << 20);
  }

  @Test
  void nofileAndCpusetHold() throws Exception {
    Map<String, String> seen =
        run(spec("nofile", ResourceLimits.none().withNofile(256).withCpuset("0")));
    assertThat(seen.get("nofile")).isEqualTo("256/256");
    assertThat(seen.get("cpus_allowed")).isEqualTo("0");
    assertThat(seen.get("processors")).isEqualTo("1");
  }

  @Test
  void aVariantThatExceedsItsMemoryIsReportedAsKilledForOutOfMemory() throws Exception {
    ContainerSpec base = spec("oom", ResourceLimits.none().withMemoryBytes(96L << 20), "allocate");
    JvmCommand command = base.command();
    // a heap larger than the limit, so the kernel, not the JVM, stops it
    ContainerSpec spec =
        base.withCommand(
            new JvmCommand(
                command.javaHome(),
                command.classpath(),
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                command.mainClass(),
                command.arguments()));
    try (ContainerHandle handle = runtime.launch(spec)) {
      ExitStatus status = handle.awaitExit();
      assertThat(status.reason())
          .as("%s; stderr: %s", status, Files.readString(handle.stderr()))
          .isEqualTo(ExitStatus.Reason.OUT_OF_MEMORY);
      assertThat(status.description())
          .isEqualTo("was killed: it exceeded its memory limit of 96 MiB (OOM)");
    }
  }

  @Test
  void thePidsLimitStopsThreadsAndProcesses() throws Exception {
    Map<String, String> seen = run(spec("pids", ResourceLimits.none().withPids(64), "threads"));
    assertThat(Integer.parseInt(seen.get("threads"))).isLessThan(64);
  }
}
