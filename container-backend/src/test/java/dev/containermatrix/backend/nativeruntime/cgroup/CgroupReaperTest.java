package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.rundir.RunDirectoryReaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupReaperTest {

  @TempDir Path tmp;

  @Test
  void removesTheCgroupsOfDeadRunsAndKeepsThoseOfLiveOnes() throws Exception {
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp.resolve("host"));
    Path runs = Files.createDirectory(tmp.resolve("runs"));
    long dead = deadPid();
    long me = ProcessHandle.current().pid();
    Path markedDead = Files.createDirectory(runs.resolve("cm-" + dead + "-0000000b"));
    Files.writeString(markedDead.resolve(".owner"), "pid=" + dead + "\nstart=proc:1\n");
    try (RunDirectory live = RunDirectory.create(runs)) {
      String liveName = live.path().getFileName() + "-v1";
      String memory = "/sys/fs/cgroup/memory/a/b/containermatrix/";
      String pids = "/sys/fs/cgroup/pids/containermatrix/";
      for (String name :
          new String[] {
            "cm-" + dead + "-0000000a-v1",
            "cm-" + dead + "-0000000b-v2",
            liveName,
            "cm-" + me + "-0000000c-v3",
            "not-ours"
          }) {
        Files.createDirectories(host.path(memory + name).resolve("nested"));
        Files.createDirectories(host.path(pids + name));
      }

      CgroupReaper stale =
          new CgroupReaper(host.probe(), new RunDirectoryReaper(runs, Path.of("/proc")));
      assertThat(stale.name()).isEqualTo("cgroup");
      assertThat(stale.reap())
          .containsExactly(
              new Reaped(
                  "cgroup",
                  host.path(memory + "cm-" + dead + "-0000000a-v1"),
                  "its run directory "
                      + runs.resolve("cm-" + dead + "-0000000a")
                      + " is gone and so is pid "
                      + dead
                      + " from its name"),
              new Reaped(
                  "cgroup",
                  host.path(memory + "cm-" + dead + "-0000000b-v2"),
                  "its owner pid " + dead + " is gone"),
              new Reaped(
                  "cgroup",
                  host.path(pids + "cm-" + dead + "-0000000a-v1"),
                  "its run directory "
                      + runs.resolve("cm-" + dead + "-0000000a")
                      + " is gone and so is pid "
                      + dead
                      + " from its name"),
              new Reaped(
                  "cgroup",
                  host.path(pids + "cm-" + dead + "-0000000b-v2"),
                  "its owner pid " + dead + " is gone"));

      for (String parent : new String[] {memory, pids}) {
        assertThat(host.path(parent + "cm-" + dead + "-0000000a-v1")).doesNotExist();
        assertThat(host.path(parent + "cm-" + dead + "-0000000b-v2")).doesNotExist();
        assertThat(host.path(parent + liveName)).isDirectory();
        assertThat(host.path(parent + "cm-" + me + "-0000000c-v3")).isDirectory();
        assertThat(host.path(parent + "not-ours")).isDirectory();
      }
    }
  }

  @Test
  void removesTheContainersCgroupItselfOnceNoContainerIsLeftInIt() throws Exception {
    // the fake's pids hierarchy has no control files in containermatrix (on cgroupfs they never
    // keep a cgroup from being removed; in a fake they are regular files)
    FakeCgroupHost host = FakeCgroupHost.hybrid(tmp.resolve("host"));
    Path runs = Files.createDirectory(tmp.resolve("runs"));
    long dead = deadPid();
    Path parent = host.path("/sys/fs/cgroup/pids/containermatrix/");
    Files.createDirectories(parent.resolve("cm-" + dead + "-0000000a-v1"));

    new CgroupReaper(host.probe(), new RunDirectoryReaper(runs, Path.of("/proc"))).reap();

    assertThat(parent).doesNotExist();
  }

  @Test
  void findsNothingWhereNoContainerCgroupWasEverMade() throws IOException {
    FakeCgroupHost host = FakeCgroupHost.unified(tmp.resolve("host"));

    assertThat(new CgroupReaper(host.probe(), new RunDirectoryReaper(tmp, Path.of("/proc"))).reap())
        .isEmpty();
    assertThat(
            new CgroupReaper(
                    CgroupSupport.none("no cgroups"), new RunDirectoryReaper(tmp, Path.of("/proc")))
                .reap())
        .isEmpty();
  }

  /** The pid of a process that has exited and been waited for. */
  static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }
}
