package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup mounts of {@code /proc/self/mountinfo}, whose lines read {@code 35 25 0:30 /
 * /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory}.
 */
final class MountInfo {

  /**
   * One cgroup mount.
   *
   * @param root the cgroup the mount shows at its mount point, usually {@code /}
   * @param mountPoint where it is mounted, absolute
   * @param type {@code cgroup} or {@code cgroup2}
   * @param readOnly whether the mount or its superblock is read-only
   * @param superOptions the superblock options; for {@code cgroup}, they name the controllers
   */
  record Mount(
      String root, String mountPoint, String type, boolean readOnly, Set<String> superOptions) {

    /** Whether {@code cgroupPath} (as in {@code /proc/self/cgroup}) is visible in this mount. */
    boolean shows(String cgroupPath) {
      return root.equals("/") || cgroupPath.equals(root) || cgroupPath.startsWith(root + "/");
    }

    /**
     * Where {@code cgroupPath} is found, resolved against {@code fsRoot}; empty if this mount does
     * not show it.
     */
    Optional<Path> directoryOf(String cgroupPath, Path fsRoot) {
      if (!shows(cgroupPath)) {
        return Optional.empty();
      }
      String relative = root.equals("/") ? cgroupPath : cgroupPath.substring(root.length());
      Path directory = fsRoot.resolve(mountPoint.substring(1));
      for (String segment : relative.split("/")) {
        if (!segment.isEmpty()) {
          directory = directory.resolve(segment);
        }
      }
      return Optional.of(directory);
    }
  }

  private MountInfo() {}

  /** The {@code cgroup} and {@code cgroup2} mounts listed in {@code file}, in its order. */
  static List<Mount> cgroupMounts(Path file) throws IOException {
    List<Mount> mounts = new ArrayList<>();
    for (String line : ControlFiles.read(file).split("\n")) {
      String[] fields = line.strip().split(" ");
      int separator = List.of(fields).indexOf("-");
      if (separator < 6 || fields.length < separator + 4) {
        continue;
      }
      String type = fields[separator + 1];
      if (!type.equals("cgroup") && !type.equals("cgroup2")) {
        continue;
      }
      Set<String> options = Set.of(fields[5].split(","));
      Set<String> superOptions = Set.of(fields[separator + 3].split(","));
      mounts.add(
          new Mount(
              unescape(fields[3]),
              unescape(fields[4]),
              type,
              options.contains("ro") || superOptions.contains("ro"),
              superOptions));
    }
    return mounts;
  }

  /** Undoes the kernel's octal escapes of space, tab, newline and backslash ({@code \040}). */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\'
          && i + 3 < field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
