package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.backend.rundir.RunDirectoryReaper;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real cgroups of this host: needs root and a writable cgroup v1 memory controller (CI has both).
 */
@Tag("root")
class RealCgroupsTest {

  private static final long MIB = 1024 * 1024;

  @TempDir Path tmp;

  private CgroupSupport support;

  /** Every cgroup of these tests starts with it; none may be left afterwards. */
  private String prefix;

  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void requireRootAndCgroupV1() {
    support = CgroupProbe.host().probe();
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean memoryV1 =
        support
            .placement(Controller.MEMORY)
            .filter(p -> p.version() == CgroupVersion.LEGACY)
            .isPresent();
    HostRequirements.require(
        root && memoryV1,
        "needs root and a writable cgroup v1 memory controller; user is "
            + System.getProperty("user.name")
            + ", memory: "
            + support.whyNot(Controller.MEMORY).orElse("on cgroup v2"));
    prefix =
        "cm-"
            + ProcessHandle.current().pid()
            + "-"
            + String.format("%08x", System.nanoTime() & 0xffffffffL);
  }

  @AfterEach
  void leavesNoCgroupBehind() throws IOException {
    processes.forEach(Process::destroyForcibly);
    if (support == null || prefix == null) {
      return;
    }
    List<Path> left = new ArrayList<>();
    for (ControllerPlacement placement : support.usable().values()) {
      if (Files.isDirectory(placement.containersDirectory())) {
        try (Stream<Path> children = Files.list(placement.containersDirectory())) {
          left.addAll(children.filter(c -> c.getFileName().toString().startsWith(prefix)).toList());
        }
      }
    }
    for (Path cgroup : left) {
      CgroupTree.kill(List.of(cgroup));
      CgroupTree.remove(cgroup);
    }
    assertThat(left).as("cgroups left behind by the test").isEmpty();
  }

  @Test
  void startsAProcessInsideCgroupsThatHoldTheLimitsThenKillsAndRemovesThem() throws Exception {
    String name = prefix + "-limits";
    ContainerCgroup cgroup =
        new ContainerCgroups(support)
            .create(
                name, ResourceLimits.none().withMemoryBytes(64 * MIB).withPids(32).withCpus(0.5));
    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.directories()).hasSize(3);

    Process process = start(cgroup, "exec sleep 30");

    await().atMost(Duration.ofSeconds(10)).until(() -> cgroup.pids().contains(process.pid()));
    List<String> joined =
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "cgroup"));
    assertThat(
            joined.stream()
                .filter(l -> l.endsWith("/" + ContainerCgroups.CONTAINERS + "/" + name))
                .map(l -> l.split(":")[1])
                .collect(Collectors.toSet()))
        .contains("memory", "pids")
        .anyMatch(controllers -> controllers.contains("cpu"));
    Path memory = leaf(cgroup, Controller.MEMORY);
    assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip())
        .isEqualTo(Long.toString(64 * MIB));
    if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
      assertThat(Files.readString(memory.resolve("memory.memsw.limit_in_bytes")).strip())
          .isEqualTo(Long.toString(64 * MIB));
    }
    assertThat(Files.readString(leaf(cgroup, Controller.PIDS).resolve("pids.max")).strip())
        .isEqualTo("32");
    assertThat(Files.readString(leaf(cgroup, Controller.CPU).resolve("cpu.cfs_quota_us")).strip())
        .isEqualTo("50000");
    assertThat(Files.readString(leaf(cgroup, Controller.CPU).resolve("cpu.cfs_period_us")).strip())
        .isEqualTo("100000");

    cgroup.kill();

    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("exit value of a process killed by SIGKILL")
        .isEqualTo(128 + 9);
    assertThat(cgroup.pids()).isEmpty();
    assertThat(cgroup.oomKilled()).isFalse();
    cgroup.remove();
    cgroup.remove();
    assertThat(cgroup.directories()).allSatisfy(directory -> assertThat(directory).doesNotExist());
  }

  @Test
  void accountsTheMemoryOfAContainerWithoutLimitsInAMemoryCgroupThatRemovalLeavesNothingOf()
      throws Exception {
    ContainerCgroup cgroup =
        new ContainerCgroups(support).create(prefix + "-account", ResourceLimits.none());
    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.directories()).singleElement().isEqualTo(leaf(cgroup, Controller.MEMORY));
    Path memory = cgroup.directories().get(0);
    assertThat(Long.parseLong(Files.readString(memory.resolve("memory.limit_in_bytes")).strip()))
        .as("no memory limit written")
        .isGreaterThan(1L << 62);

    // dd reads 48 MiB of zeros into one buffer, so every page of it is touched
    Process process = start(cgroup, "exec dd if=/dev/zero of=/dev/null bs=48M count=1");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(cgroup.peakMemory()).isPresent();
    assertThat(cgroup.peakMemory().getAsLong()).isGreaterThanOrEqualTo(48 * MIB);
    assertThat(cgroup.oomKilled()).isFalse();
    cgroup.kill();
    cgroup.remove();
    assertThat(memory).doesNotExist();
  }

  @Test
  void reportsTheKernelsOomKillOfAProcessThatOutgrowsItsMemoryLimit() throws Exception {
    ContainerCgroup cgroup =
        new ContainerCgroups(support)
            .create(prefix + "-oom", ResourceLimits.none().withMemoryBytes(64 * MIB));
    assertThat(cgroup.notEnforced()).isEmpty();

    // tail buffers its input until a newline, and /dev/zero has none
    Process process = start(cgroup, "exec tail /dev/zero");

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("exit value of a process killed by SIGKILL")
        .isEqualTo(128 + 9);
    assertThat(cgroup.oomKilled()).isTrue();
    cgroup.kill();
    cgroup.remove();
  }

  @Test
  void reapsTheCgroupOfADeadRunKillingWhatIsStillInItAndKeepsALiveRunsCgroup() throws Exception {
    long dead = CgroupReaperTest.deadPid();
    String staleName = "cm-" + dead + "-0000dead-stale";
    ContainerCgroups cgroups = new ContainerCgroups(support);
    ContainerCgroup stale =
        cgroups.create(staleName, ResourceLimits.none().withMemoryBytes(64 * MIB).withPids(8));
    ContainerCgroup live = cgroups.create(prefix + "-live", ResourceLimits.none().withPids(8));
    Process orphan = start(stale, "exec sleep 30");
    await().atMost(Duration.ofSeconds(10)).until(() -> stale.pids().contains(orphan.pid()));

    List<Reaped> reaped;
    try {
      reaped = new CgroupReaper(support, new RunDirectoryReaper(tmp, Path.of("/proc"))).reap();
      assertThat(stale.directories()).allSatisfy(directory -> assertThat(directory).doesNotExist());
    } finally {
      stale.kill();
      stale.remove();
    }

    assertThat(reaped)
        .filteredOn(r -> r.path().getFileName().toString().equals(staleName))
        .extracting(Reaped::path)
        .containsExactlyInAnyOrderElementsOf(stale.directories());
    assertThat(reaped)
        .filteredOn(r -> r.path().getFileName().toString().equals(staleName))
        .allSatisfy(
            r ->
                assertThat(r.why())
                    .isEqualTo(
                        "its run directory "
                            + tmp.resolve("cm-" + dead + "-0000dead")
                            + " is gone and so is pid "
                            + dead
                            + " from its name"));
    assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(orphan.exitValue()).isEqualTo(128 + 9);
    assertThat(live.directories()).allSatisfy(directory -> assertThat(directory).isDirectory());
    live.remove();
  }

  private Process start(ContainerCgroup cgroup, String command) throws IOException {
    String join =
        cgroup.procsFiles().stream()
            .map(f -> "echo $$ > '" + f + "'")
            .collect(Collectors.joining("; "));
    Process process =
        new ProcessBuilder("sh", "-c", join + "; " + command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(process);
    return process;
  }

  private static Path leaf(ContainerCgroup cgroup, Controller controller) {
    return cgroup.directories().stream()
        .filter(
            d ->
                d.getParent()
                    .getParent()
                    .equals(
                        CgroupProbe.host().probe().placement(controller).orElseThrow().directory()))
        .findFirst()
        .orElseThrow();
  }
}
