package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This process's cgroups as {@code /proc/self/cgroup} lists them: {@code 4:memory:/a/b} for a v1
 * hierarchy (controllers comma-separated), {@code 0::/} for cgroup v2.
 *
 * @param legacy cgroup path by v1 controller (and by {@code name=...} for named hierarchies)
 * @param unified the cgroup v2 path, if listed
 */
record SelfCgroups(Map<String, String> legacy, Optional<String> unified) {

  SelfCgroups {
    legacy = Map.copyOf(legacy);
  }

  static SelfCgroups read(Path file) throws IOException {
    Map<String, String> legacy = new HashMap<>();
    Optional<String> unified = Optional.empty();
    for (String line : ControlFiles.read(file).split("\n")) {
      String[] fields = line.strip().split(":", 3);
      if (fields.length < 3) {
        continue;
      }
      if (fields[0].equals("0") && fields[1].isEmpty()) {
        unified = Optional.of(fields[2]);
      } else {
        for (String controller : fields[1].split(",")) {
          legacy.put(controller, fields[2]);
        }
      }
    }
    return new SelfCgroups(legacy, unified);
  }
}
