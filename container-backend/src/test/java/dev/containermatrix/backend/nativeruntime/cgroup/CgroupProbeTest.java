package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupProbeTest {

  @TempDir Path tmp;

  @Test
  void findsV1ControllersInAHybridLayoutAtThisProcesssOwnCgroups() {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.HYBRID);
    assertThat(support.usable())
        .isEqualTo(
            Map.of(
                Controller.CPU,
                    new ControllerPlacement(
                        Controller.CPU,
                        CgroupVersion.LEGACY,
                        host.path("/sys/fs/cgroup/cpu,cpuacct")),
                Controller.MEMORY,
                    new ControllerPlacement(
                        Controller.MEMORY,
                        CgroupVersion.LEGACY,
                        host.path("/sys/fs/cgroup/memory/a/b")),
                Controller.PIDS,
                    new ControllerPlacement(
                        Controller.PIDS, CgroupVersion.LEGACY, host.path("/sys/fs/cgroup/pids")),
                Controller.CPUSET,
                    new ControllerPlacement(
                        Controller.CPUSET,
                        CgroupVersion.LEGACY,
                        host.path("/sys/fs/cgroup/cpuset"))));
    assertThat(support.unusable()).isEmpty();
    assertThat(support.unifiedAvailable()).isEmpty();
    assertThat(support.isSupported()).isTrue();
    assertThat(support.describe())
        .containsExactly(
            "cpus: enforced by cgroup v1 under "
                + host.path("/sys/fs/cgroup/cpu,cpuacct/containermatrix"),
            "memory: enforced by cgroup v1 under "
                + host.path("/sys/fs/cgroup/memory/a/b/containermatrix"),
            "pids: enforced by cgroup v1 under " + host.path("/sys/fs/cgroup/pids/containermatrix"),
            "cpuset: enforced by cgroup v1 under "
                + host.path("/sys/fs/cgroup/cpuset/containermatrix"));
  }

  @Test
  void looksForAControllerWithoutV1MountInTheEmptyCgroup2OfAHybridLayout() {
    FakeCgroupHost host =
        FakeCgroupHost.hybrid(tmp)
            .file(
                "/proc/self/mountinfo",
                FakeCgroupHost.HYBRID_MOUNTINFO.replaceAll("(?m)^39 .*\n", ""));

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.HYBRID);
    assertThat(support.canEnforce(Controller.PIDS)).isFalse();
    assertThat(support.whyNot(Controller.PIDS))
        .contains(
            "the cgroup2 hierarchy does not offer the pids controller at "
                + host.path("/sys/fs/cgroup/unified")
                + " (its cgroup.controllers is empty)");
    assertThat(support.canEnforce(Controller.MEMORY)).isTrue();
  }

  @Test
  void findsV1ControllersWithoutCgroup2() {
    FakeCgroupHost host =
        FakeCgroupHost.hybrid(tmp)
            .file(
                "/proc/self/mountinfo",
                FakeCgroupHost.HYBRID_MOUNTINFO.replaceAll("\n40 .*", "") + "\n")
            .file("/proc/self/cgroup", FakeCgroupHost.HYBRID_CGROUP.replace("\n0::/", "") + "\n");

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.V1);
    assertThat(support.usable().keySet()).containsExactlyInAnyOrder(Controller.values());
    assertThat(support.placement(Controller.MEMORY).orElseThrow().directory())
        .isEqualTo(host.path("/sys/fs/cgroup/memory/a/b"));
  }

  @Test
  void findsV2ControllersOfferedToThisProcesssCgroup() {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp);

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.V2);
    Path app = host.path("/sys/fs/cgroup/user.slice/app");
    assertThat(support.usable())
        .isEqualTo(
            Map.of(
                Controller.CPU, new ControllerPlacement(Controller.CPU, CgroupVersion.UNIFIED, app),
                Controller.MEMORY,
                    new ControllerPlacement(Controller.MEMORY, CgroupVersion.UNIFIED, app),
                Controller.PIDS,
                    new ControllerPlacement(Controller.PIDS, CgroupVersion.UNIFIED, app),
                Controller.CPUSET,
                    new ControllerPlacement(Controller.CPUSET, CgroupVersion.UNIFIED, app)));
    assertThat(support.unifiedAvailable())
        .isEqualTo(Set.of("cpuset", "cpu", "io", "memory", "pids"));
    assertThat(support.unifiedEnabled()).isEmpty();
  }

  @Test
  void refusesV2ControllersThatCannotBeEnabledBecauseThisProcesssCgroupHoldsProcesses() {
    FakeCgroupHost host =
        FakeCgroupHost.unified(tmp)
            .file("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control", "memory\n")
            .file("/sys/fs/cgroup/user.slice/app/cgroup.controllers", "cpu memory\n")
            .file("/sys/fs/cgroup/user.slice/app/cgroup.procs", "4242\n");

    CgroupSupport support = host.probe();

    Path app = host.path("/sys/fs/cgroup/user.slice/app");
    assertThat(support.unifiedEnabled()).containsExactly("memory");
    assertThat(support.canEnforce(Controller.MEMORY)).isTrue();
    assertThat(support.whyNot(Controller.CPU))
        .contains(
            "the cpu controller is not enabled in "
                + app.resolve("cgroup.subtree_control")
                + " and cannot be, since that cgroup holds processes (cgroup2 allows controllers"
                + " only for cgroups without processes of their own): start the JVM in a cgroup of"
                + " its own, e.g. with systemd-run --scope -p Delegate=yes");
    assertThat(support.whyNot(Controller.PIDS))
        .contains(
            "the cgroup2 hierarchy does not offer the pids controller at "
                + app
                + " (its cgroup.controllers lists only cpu memory)");
  }

  @Test
  void resolvesThisProcesssCgroupAgainstTheRootOfAMountThatShowsOnlyPartOfTheHierarchy() {
    FakeCgroupHost host =
        FakeCgroupHost.hybrid(tmp)
            .file(
                "/proc/self/mountinfo",
                "35 25 0:30 /docker/c1 /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n"
                    + "39 31 0:36 /docker/c1 /sys/fs/cgroup/pids rw,nosuid - cgroup cgroup"
                    + " rw,pids\n")
            .file("/proc/self/cgroup", "8:pids:/docker/c1/inner\n4:memory:/docker/c1\n")
            .file("/sys/fs/cgroup/pids/inner/pids.max", "max\n");

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.V1);
    assertThat(support.placement(Controller.PIDS).orElseThrow().directory())
        .isEqualTo(host.path("/sys/fs/cgroup/pids/inner"));
    assertThat(support.whyNot(Controller.MEMORY))
        .contains(
            "the memory controller at "
                + host.path("/sys/fs/cgroup/memory")
                + " is mounted read-only");
    assertThat(support.whyNot(Controller.CPU))
        .contains(
            "no cgroup hierarchy offers the cpu controller (no cgroup v1 mount names it and there"
                + " is no cgroup2 mount)");
  }

  @Test
  void reportsNothingEnforceableWithoutCgroupMounts() {
    FakeCgroupHost host =
        new FakeCgroupHost(tmp)
            .file("/proc/self/mountinfo", "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n")
            .file("/proc/self/cgroup", "0::/\n");

    CgroupSupport support = host.probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.NONE);
    assertThat(support.isSupported()).isFalse();
    assertThat(support.whyNot(Controller.MEMORY))
        .contains(
            "no cgroup file system is mounted (none in " + host.path("/proc/self/mountinfo") + ")");
  }

  @Test
  void reportsAnUnreadableProcAsTheReasonForEveryLimit() {
    CgroupSupport support = new CgroupProbe(tmp.resolve("proc"), tmp).probe();

    assertThat(support.layout()).isEqualTo(CgroupLayout.NONE);
    assertThat(support.unusable())
        .hasSize(4)
        .allSatisfy(
            (controller, why) ->
                assertThat(why)
                    .isEqualTo(
                        "cannot read "
                            + tmp.resolve("proc/self/mountinfo")
                            + ": No such file or directory"));
  }

  @Test
  void unescapesMountPointsWithSpaces() {
    assertThat(MountInfo.unescape("/mnt/my\\040cgroups\\134x")).isEqualTo("/mnt/my cgroups\\x");
  }
}
