package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuAccountingTest {
  @TempDir Path tmp;

  @Test
  void countsInTheCgroup2HierarchyOfAHybridHostInMicroseconds() {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp);
    CpuAccounting accounting = CpuAccounting.probe(host.proc(), host.fs());

    CpuAccounting.Counter counter = accounting.create("cm-1-ab-c1").orElseThrow();
    host.file("/sys/fs/cgroup/unified/containermatrix/cm-1-ab-c1/cpu.stat",
        "usage_usec 412345\nuser_usec 400000\nsystem_usec 12345\n");

    assertThat(accounting.containersDirectory()).contains(host.path("/sys/fs/cgroup/unified/containermatrix"));
    assertThat(counter.procsFile()).isEqualTo(host.path("/sys/fs/cgroup/unified/containermatrix/cm-1-ab-c1/cgroup.procs"));
    assertThat(counter.usage()).contains(Duration.ofNanos(412_345_000));
  }

  @Test
  void countsInTheV1CpuacctHierarchyInNanosecondsWithoutCgroup2() {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp)
        .file("/proc/self/mountinfo", FakeCgroupHost.HYBRID_MOUNTINFO.replaceAll("\n40 .*", "") + "\n");
    CpuAccounting accounting = CpuAccounting.probe(host.proc(), host.fs());

    CpuAccounting.Counter counter = accounting.create("cm-1-ab-c1").orElseThrow();
    host.file("/sys/fs/cgroup/cpu,cpuacct/containermatrix/cm-1-ab-c1/cpuacct.usage", "412345678\n");

    assertThat(counter.usage()).contains(Duration.ofNanos(412_345_678));
  }

  @Test
  void countsNothingWithoutACgroupFileSystem() {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp)
        .file("/proc/self/mountinfo", "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
    CpuAccounting accounting = CpuAccounting.probe(host.proc(), host.fs());

    assertThat(accounting.isSupported()).isFalse();
    assertThat(accounting.create("cm-1-ab-c1")).isEmpty();
  }
}
