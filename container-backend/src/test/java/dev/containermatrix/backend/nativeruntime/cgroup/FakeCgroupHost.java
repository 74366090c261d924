package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fake {@code /proc/self} and cgroup file system in a temp directory, written in the kernel's
 * formats. Cgroups that code under test creates get only the files it writes, so a test can assert
 * exactly what was written.
 */
final class FakeCgroupHost {

  static final String HYBRID_MOUNTINFO =
      String.join(
          "\n",
          "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
          "31 22 0:28 / /sys/fs/cgroup rw,relatime shared:2 - tmpfs tmpfs rw,mode=755",
          "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 -"
              + " cgroup cgroup rw,cpu,cpuacct",
          "34 31 0:31 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:12 - cgroup"
              + " cgroup rw,cpuset",
          "35 25 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:15 - cgroup"
              + " cgroup rw,memory",
          "39 31 0:36 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:16 - cgroup"
              + " cgroup rw,pids",
          "40 25 0:35 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");

  static final String HYBRID_CGROUP =
      String.join("\n", "8:pids:/", "4:memory:/a/b", "3:cpuset:/", "1:cpu,cpuacct:/", "0::/");

  static final String V2_MOUNTINFO =
      String.join(
          "\n",
          "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
          "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2"
              + " rw,nsdelegate,memory_recursiveprot");

  private final Path root;

  FakeCgroupHost(Path root) {
    this.root = root;
  }

  /**
   * This machine's layout: cgroup v1 controllers (cpu co-mounted with cpuacct), this process's
   * memory cgroup at {@code /a/b}, the others at the root, and an empty cgroup2 at {@code
   * /sys/fs/cgroup/unified}.
   */
  static FakeCgroupHost hybrid(Path root) {
    return new FakeCgroupHost(root)
        .file("/proc/self/mountinfo", HYBRID_MOUNTINFO + "\n")
        .file("/proc/self/cgroup", HYBRID_CGROUP + "\n")
        .file(
            "/proc/self/status",
            "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t1000\t1000\t1000\n")
        .file("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n")
        .file("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n")
        .file("/sys/fs/cgroup/cpuset/cpuset.mems", "0\n")
        .file("/sys/fs/cgroup/cpuset/containermatrix/cpuset.cpus", "\n")
        .file("/sys/fs/cgroup/cpuset/containermatrix/cpuset.mems", "\n")
        .file("/sys/fs/cgroup/memory/a/b/memory.limit_in_bytes", "9223372036854771712\n")
        .file(
            "/sys/fs/cgroup/memory/a/b/containermatrix/memory.memsw.limit_in_bytes",
            "9223372036854771712\n")
        .file("/sys/fs/cgroup/memory/a/b/containermatrix/memory.swappiness", "60\n")
        .file("/sys/fs/cgroup/pids/cgroup.procs", "1\n")
        .file("/sys/fs/cgroup/unified/cgroup.controllers", "\n")
        .file("/sys/fs/cgroup/unified/cgroup.subtree_control", "\n");
  }

  /**
   * A cgroup v2 host with this process in {@code /user.slice/app}, which holds no process itself.
   */
  static FakeCgroupHost unified(Path root) {
    return new FakeCgroupHost(root)
        .file("/proc/self/mountinfo", V2_MOUNTINFO + "\n")
        .file("/proc/self/cgroup", "0::/user.slice/app\n")
        .file("/proc/self/status", "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n")
        .file("/sys/fs/cgroup/user.slice/app/cgroup.controllers", "cpuset cpu io memory pids\n")
        .file("/sys/fs/cgroup/user.slice/app/cgroup.subtree_control", "\n")
        .file("/sys/fs/cgroup/user.slice/app/cgroup.procs", "")
        .file("/sys/fs/cgroup/user.slice/app/containermatrix/cgroup.subtree_control", "\n")
        .file("/sys/fs/cgroup/user.slice/app/containermatrix/memory.swap.max", "max\n")
        .file("/sys/fs/cgroup/user.slice/app/containermatrix/cpuset.mems", "\n")
        .file("/sys/fs/cgroup/user.slice/app/containermatrix/cpuset.mems.effective", "0\n");
  }

  Path proc() {
    return root.resolve("proc");
  }

  Path fs() {
    return root.resolve("fs");
  }

  /**
   * Where the absolute path {@code absolute} is in the fake: {@code /proc/...} under {@link
   * #proc()}, others under {@link #fs()}.
   */
  Path path(String absolute) {
    return absolute.startsWith("/proc/")
        ? proc().resolve(absolute.substring("/proc/".length()))
        : fs().resolve(absolute.substring(1));
  }

  FakeCgroupHost file(String absolute, String content) {
    try {
      Path file = path(absolute);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeCgroupHost delete(String absolute) {
    try {
      Files.delete(path(absolute));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CgroupSupport probe() {
    return new CgroupProbe(proc(), fs()).probe();
  }

  /** The regular files directly in {@code absolute}, by name, with their content. */
  Map<String, String> files(String absolute) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(path(absolute))) {
      for (Path file : list.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }
}
