package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCgroupsTest {

  private static final ResourceLimits ALL =
      ResourceLimits.none()
          .withMemoryBytes(64L * 1024 * 1024)
          .withPids(32)
          .withCpus(0.5)
          .withCpuset("1")
          .withNofile(1024);

  @TempDir Path tmp;

  @Test
  void writesEveryV1LimitIntoItsControllersCgroup() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("cm-1-0000000a-v1", ALL);

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(host.files("/sys/fs/cgroup/memory/a/b/containermatrix/cm-1-0000000a-v1"))
        .isEqualTo(
            Map.of(
                "memory.limit_in_bytes", "67108864",
                "memory.memsw.limit_in_bytes", "67108864",
                "memory.swappiness", "0"));
    assertThat(host.files("/sys/fs/cgroup/cpu,cpuacct/containermatrix/cm-1-0000000a-v1"))
        .isEqualTo(
            Map.of(
                "cpu.cfs_period_us", "100000",
                "cpu.cfs_quota_us", "50000"));
    assertThat(host.files("/sys/fs/cgroup/pids/containermatrix/cm-1-0000000a-v1"))
        .isEqualTo(Map.of("pids.max", "32"));
    assertThat(host.files("/sys/fs/cgroup/cpuset/containermatrix"))
        .isEqualTo(Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0"));
    assertThat(host.files("/sys/fs/cgroup/cpuset/containermatrix/cm-1-0000000a-v1"))
        .isEqualTo(
            Map.of(
                "cpuset.cpus", "1",
                "cpuset.mems", "0"));
    assertThat(cgroup.procsFiles())
        .containsExactly(
            host.path("/sys/fs/cgroup/cpu,cpuacct/containermatrix/cm-1-0000000a-v1/cgroup.procs"),
            host.path("/sys/fs/cgroup/memory/a/b/containermatrix/cm-1-0000000a-v1/cgroup.procs"),
            host.path("/sys/fs/cgroup/pids/containermatrix/cm-1-0000000a-v1/cgroup.procs"),
            host.path("/sys/fs/cgroup/cpuset/containermatrix/cm-1-0000000a-v1/cgroup.procs"));
  }

  @Test
  void writesNoSwapLimitWhereTheKernelHasNoSwapAccounting() throws IOException {
    FakeCgroupHost host =
        FakeCgroupHost.hybrid(tmp)
            .delete("/sys/fs/cgroup/memory/a/b/containermatrix/memory.memsw.limit_in_bytes")
            .delete("/sys/fs/cgroup/memory/a/b/containermatrix/memory.swappiness");

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe())
            .create("c", ResourceLimits.none().withMemoryBytes(1L << 30));

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(host.files("/sys/fs/cgroup/memory/a/b/containermatrix/c"))
        .isEqualTo(Map.of("memory.limit_in_bytes", "1073741824"));
  }

  @Test
  void makesCgroupsOnlyForTheLimitsThatAreSetPlusAMemoryCgroupThatOnlyAccounts()
      throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe())
            .create("c", ResourceLimits.none().withPids(7).withNofile(10));

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.procsFiles())
        .containsExactly(
            host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c/cgroup.procs"),
            host.path("/sys/fs/cgroup/pids/containermatrix/c/cgroup.procs"));
    assertThat(host.files("/sys/fs/cgroup/memory/a/b/containermatrix/c"))
        .as("no limit, no swap setting: the memory cgroup only accounts")
        .isEmpty();
    assertThat(host.path("/sys/fs/cgroup/cpu,cpuacct/containermatrix")).doesNotExist();
    assertThat(host.path("/sys/fs/cgroup/cpuset/containermatrix/c")).doesNotExist();
  }

  @Test
  void givesAContainerWithoutLimitsOnlyAV1MemoryCgroupWithNothingWrittenInIt() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.directories())
        .containsExactly(host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c"));
    assertThat(host.files("/sys/fs/cgroup/memory/a/b/containermatrix/c")).isEmpty();
    assertThat(host.path("/sys/fs/cgroup/pids/containermatrix")).doesNotExist();
  }

  @Test
  void givesAContainerWithoutLimitsAV2CgroupWithTheMemoryControllerEnabledAndNothingWritten()
      throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(host.files("/sys/fs/cgroup/user.slice/app").get("cgroup.subtree_control"))
        .isEqualTo("+memory");
    assertThat(
            host.files("/sys/fs/cgroup/user.slice/app/containermatrix")
                .get("cgroup.subtree_control"))
        .isEqualTo("+memory");
    assertThat(host.files("/sys/fs/cgroup/user.slice/app/containermatrix/c")).isEmpty();
    assertThat(cgroup.procsFiles())
        .containsExactly(host.path("/sys/fs/cgroup/user.slice/app/containermatrix/c/cgroup.procs"));
  }

  @Test
  void killsAndRemovesTheMemoryCgroupThatOnlyAccountsLikeAnyOther() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);
    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());
    Path leaf = host.path("/sys/fs/cgroup/user.slice/app/containermatrix/c");

    assertThat(cgroup.pids()).isEmpty();
    cgroup.kill();
    cgroup.remove();

    assertThat(leaf).doesNotExist();
  }

  @Test
  void makesNoCgroupWithoutLimitsWhereTheHostDoesNotPlaceTheMemoryController() throws IOException {
    FakeCgroupHost host = withoutMemoryController(FakeCgroupHost.hybrid(tmp));

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.procsFiles()).isEmpty();
    assertThat(cgroup.peakMemory()).isEmpty();
    assertThat(host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c")).doesNotExist();
  }

  @Test
  void saysNothingWhenTheV2MemoryControllerForAccountingCannotBeEnabled() throws IOException {
    FakeCgroupHost host =
        FakeCgroupHost.unified(tmp).delete("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control");
    // readable, but no write succeeds: EIO for root, EACCES for others
    Path subtree =
        Files.createSymbolicLink(
            host.path("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control"),
            Path.of("/proc/version"));

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.procsFiles()).isEmpty();
    assertThat(cgroup.peakMemory()).isEmpty();
    Files.delete(subtree);
  }

  @Test
  void saysNothingWhenTheMemoryCgroupForAccountingCannotBeMadeAndEnforcesTheOtherLimits()
      throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    Files.createDirectories(host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c"));

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withPids(3));

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(cgroup.procsFiles())
        .containsExactly(host.path("/sys/fs/cgroup/pids/containermatrix/c/cgroup.procs"));
    assertThat(cgroup.peakMemory()).isEmpty();
  }

  @Test
  void copiesTheParentsCpusToAnEmptyV1CpusetParentEvenWithoutACpusetLimit() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);

    new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withCpuset("0-1"));

    assertThat(host.files("/sys/fs/cgroup/cpuset/containermatrix"))
        .isEqualTo(Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0"));
    assertThat(host.files("/sys/fs/cgroup/cpuset/containermatrix/c"))
        .isEqualTo(Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0"));
  }

  @Test
  void writesEveryV2LimitIntoOneCgroupAfterEnablingTheControllers() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);

    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("cm-1-0000000a-v1", ALL);

    assertThat(cgroup.notEnforced()).isEmpty();
    assertThat(host.files("/sys/fs/cgroup/user.slice/app").get("cgroup.subtree_control"))
        .isEqualTo("+cpu +memory +pids +cpuset");
    assertThat(
            host.files("/sys/fs/cgroup/user.slice/app/containermatrix")
                .get("cgroup.subtree_control"))
        .isEqualTo("+cpu +memory +pids +cpuset");
    assertThat(host.files("/sys/fs/cgroup/user.slice/app/containermatrix/cm-1-0000000a-v1"))
        .isEqualTo(
            Map.of(
                "memory.max", "67108864",
                "memory.swap.max", "0",
                "cpu.max", "50000 100000",
                "pids.max", "32",
                "cpuset.cpus", "1",
                "cpuset.mems", "0"));
    assertThat(cgroup.procsFiles())
        .containsExactly(
            host.path(
                "/sys/fs/cgroup/user.slice/app/containermatrix/cm-1-0000000a-v1/cgroup.procs"));
  }

  @Test
  void enablesOnlyTheV2ControllersNotEnabledYet() throws IOException {
    FakeCgroupHost host =
        FakeCgroupHost.unified(tmp)
            .file("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control", "cpu memory\n")
            .file(
                "/sys/fs/cgroup/user.slice/app/containermatrix/cgroup.subtree_control", "memory\n");

    new ContainerCgroups(host.probe())
        .create("c", ResourceLimits.none().withMemoryBytes(4096).withPids(3));

    assertThat(host.files("/sys/fs/cgroup/user.slice/app").get("cgroup.subtree_control"))
        .isEqualTo("+pids");
    assertThat(
            host.files("/sys/fs/cgroup/user.slice/app/containermatrix")
                .get("cgroup.subtree_control"))
        .isEqualTo("+pids");
    assertThat(host.files("/sys/fs/cgroup/user.slice/app/containermatrix/c"))
        .isEqualTo(Map.of("memory.max", "4096", "memory.swap.max", "0", "pids.max", "3"));
  }

  @Test
  void writesTheSmallestQuotaTheKernelTakesForATinyCpuLimit() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);

    new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withCpus(0.001));

    assertThat(host.files("/sys/fs/cgroup/user.slice/app/containermatrix/c"))
        .isEqualTo(Map.of("cpu.max", "1000 100000"));
  }

  @Test
  void reportsEveryLimitWhenNoControllerIsUsable() throws IOException {
    ContainerCgroups cgroups =
        new ContainerCgroups(CgroupSupport.none("no cgroup file system is mounted"));

    ContainerCgroup cgroup = cgroups.create("c", ALL);

    assertThat(cgroup.notEnforced())
        .containsExactly(
            "cpus=0.5 is not enforced: no cgroup file system is mounted",
            "memory=64 MiB is not enforced: no cgroup file system is mounted",
            "pids=32 is not enforced: no cgroup file system is mounted",
            "cpuset=1 is not enforced: no cgroup file system is mounted");
    assertThat(cgroup.procsFiles()).isEmpty();
    assertThat(cgroup.pids()).isEmpty();
    assertThat(cgroup.oomKilled()).isFalse();
    cgroup.kill();
    cgroup.remove();
  }

  @Test
  void reportsALimitWhoseControllerIsUnusableAndEnforcesTheOthers() throws IOException {
    FakeCgroupHost host =
        FakeCgroupHost.hybrid(tmp)
            .file(
                "/proc/self/mountinfo",
                FakeCgroupHost.HYBRID_MOUNTINFO.replaceAll("(?m)^39 .*\n", ""));

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe())
            .create("c", ResourceLimits.none().withPids(32).withMemoryBytes(4096));

    assertThat(cgroup.notEnforced())
        .containsExactly(
            "pids=32 is not enforced: the cgroup2 hierarchy does not offer the pids"
                + " controller at "
                + host.path("/sys/fs/cgroup/unified")
                + " (its cgroup.controllers is empty)");
    assertThat(cgroup.procsFiles())
        .containsExactly(host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c/cgroup.procs"));
  }

  @Test
  void reportsAFailedWriteNamingTheFileTheValueAndTheReason() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp).delete("/sys/fs/cgroup/cpuset/cpuset.mems");

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withCpuset("1"));

    assertThat(cgroup.notEnforced())
        .containsExactly(
            "cpuset=1 is not enforced: cannot read "
                + host.path("/sys/fs/cgroup/cpuset/cpuset.mems")
                + ": No such file or directory");
  }

  @Test
  void reportsAFailedWriteOfEachControllerWhenTheKernelRefusesToEnableThemTogether()
      throws IOException {
    FakeCgroupHost host =
        FakeCgroupHost.unified(tmp).delete("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control");
    // readable, but no write succeeds: EIO for root, EACCES for others
    Path subtree =
        Files.createSymbolicLink(
            host.path("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control"),
            Path.of("/proc/version"));

    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe())
            .create("c", ResourceLimits.none().withPids(32).withMemoryBytes(4096));

    assertThat(cgroup.notEnforced())
        .satisfiesExactly(
            memory ->
                assertThat(memory)
                    .matches(
                        Pattern.quote(
                                "memory=4 KiB is not enforced: cannot write \"+memory\" to "
                                    + subtree
                                    + ": ")
                            + "(Input/output error|Permission denied)"),
            pids ->
                assertThat(pids)
                    .matches(
                        Pattern.quote(
                                "pids=32 is not enforced: cannot write \"+pids\" to "
                                    + subtree
                                    + ": ")
                            + "(Input/output error|Permission denied)"));
    assertThat(cgroup.procsFiles()).isEmpty();
    Files.delete(subtree);
  }

  @Test
  void refusesToJoinTheCgroupOfAnotherContainerWithTheSameName() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    ContainerCgroups cgroups = new ContainerCgroups(host.probe());
    cgroups.create("c", ResourceLimits.none().withPids(1));

    ContainerCgroup second = cgroups.create("c", ResourceLimits.none().withPids(2));

    Path existing = host.path("/sys/fs/cgroup/pids/containermatrix/c");
    assertThat(second.notEnforced())
        .containsExactly(
            "pids=2 is not enforced: cannot create cgroup "
                + existing
                + ": it exists already, so another container has the name \"c\": give each"
                + " container of a run its own name");
    assertThat(second.procsFiles()).isEmpty();
  }

  @Test
  void rejectsANameThatIsNoPlainFileName() {
    ContainerCgroups cgroups = new ContainerCgroups(FakeCgroupHost.hybrid(tmp).probe());

    assertThatThrownBy(() -> cgroups.create("../x", ResourceLimits.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a container cgroup name is 1 to 200 letters, digits, '.', '-' or '_', not starting"
                + " with '.', '-' or '_', was \"../x\"");
  }

  @Test
  void readsV1OomKillsFromOomControl() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withMemoryBytes(4096));
    String control = "/sys/fs/cgroup/memory/a/b/containermatrix/c/memory.oom_control";

    host.file(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    assertThat(cgroup.oomKilled()).isFalse();
    host.file(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    assertThat(cgroup.oomKilled()).isTrue();
    host.file(control, "oom_kill_disable 0\nunder_oom 1\n")
        .file("/sys/fs/cgroup/memory/a/b/containermatrix/c/memory.failcnt", "3\n");
    assertThat(cgroup.oomKilled()).isTrue();
  }

  @Test
  void readsV2OomKillsFromMemoryEvents() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withMemoryBytes(4096));
    String events = "/sys/fs/cgroup/user.slice/app/containermatrix/c/memory.events";

    host.file(events, "low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n");
    assertThat(cgroup.oomKilled()).isFalse();
    host.file(events, "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
    assertThat(cgroup.oomKilled()).isTrue();
  }

  @Test
  void neverReportsAnOomKillInAV1MemoryCgroupThatOnlyAccountsButReadsItsPeak() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    ContainerCgroup cgroup = new ContainerCgroups(host.probe()).create("c", ResourceLimits.none());
    String leaf = "/sys/fs/cgroup/memory/a/b/containermatrix/c/";

    // the host-wide OOM killer's victims count in oom_kill too; without a limit nothing was
    // exceeded
    host.file(leaf + "memory.oom_control", "oom_kill_disable 0\nunder_oom 1\noom_kill 1\n")
        .file(leaf + "memory.failcnt", "3\n")
        .file(leaf + "memory.max_usage_in_bytes", "73400320\n");

    assertThat(cgroup.oomKilled()).isFalse();
    assertThat(cgroup.peakMemory()).hasValue(73_400_320L);
  }

  @Test
  void neverReportsAnOomKillInAV2MemoryCgroupThatOnlyAccountsButReadsItsPeak() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withPids(4));
    String leaf = "/sys/fs/cgroup/user.slice/app/containermatrix/c/";

    host.file(leaf + "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 1\n")
        .file(leaf + "memory.peak", "1048576\n");

    assertThat(cgroup.oomKilled()).isFalse();
    assertThat(cgroup.peakMemory()).hasValue(1_048_576L);
  }

  @Test
  void readsTheV1PeakFromMaxUsageInBytes() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withMemoryBytes(4096));
    String usage = "/sys/fs/cgroup/memory/a/b/containermatrix/c/memory.max_usage_in_bytes";

    host.file(usage, "73400320\n");
    assertThat(cgroup.peakMemory()).hasValue(73_400_320L);
    host.file(usage, "many\n");
    assertThatThrownBy(cgroup::peakMemory)
        .isInstanceOf(IOException.class)
        .hasMessage(host.path(usage) + " holds no byte count: \"many\"");
  }

  @Test
  void readsTheV2PeakFromMemoryPeakAndKnowsNoneWhereTheKernelLacksIt() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withMemoryBytes(4096));

    assertThat(cgroup.peakMemory()).isEmpty();
    host.file("/sys/fs/cgroup/user.slice/app/containermatrix/c/memory.peak", "1048576\n");
    assertThat(cgroup.peakMemory()).hasValue(1_048_576L);
  }

  @Test
  void knowsNoPeakWithoutAMemoryCgroup() throws IOException {
    FakeCgroupHost host = withoutMemoryController(FakeCgroupHost.hybrid(tmp));
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe()).create("c", ResourceLimits.none().withPids(4));

    assertThat(cgroup.peakMemory()).isEmpty();
  }

  @Test
  void listsThePidsOfAllItsCgroupsAndRemovesThemToleratingOnesAlreadyGone() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    ContainerCgroup cgroup =
        new ContainerCgroups(host.probe())
            .create("c", ResourceLimits.none().withMemoryBytes(4096).withPids(4));
    host.file("/sys/fs/cgroup/memory/a/b/containermatrix/c/cgroup.procs", "12\n10\n")
        .file("/sys/fs/cgroup/pids/containermatrix/c/cgroup.procs", "10\n11\n");

    assertThat(cgroup.pids()).containsExactly(10L, 11L, 12L);

    // a fake cgroup's files are plain files, which rmdir would refuse; the kernel's go with the
    // directory
    for (Path directory : cgroup.directories()) {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.delete(host.path("/sys/fs/cgroup/pids/containermatrix/c"));
    cgroup.remove();

    assertThat(host.path("/sys/fs/cgroup/memory/a/b/containermatrix/c")).doesNotExist();
    assertThat(host.path("/sys/fs/cgroup/pids/containermatrix")).doesNotExist();
    assertThat(host.path("/sys/fs/cgroup/memory/a/b/containermatrix")).isDirectory();
  }

  /** {@code host} with no memory hierarchy mounted, so the memory controller is unusable. */
  private static FakeCgroupHost withoutMemoryController(FakeCgroupHost host) {
    return host.file(
        "/proc/self/mountinfo", FakeCgroupHost.HYBRID_MOUNTINFO.replaceAll("(?m)^35 .*\n", ""));
  }
}
