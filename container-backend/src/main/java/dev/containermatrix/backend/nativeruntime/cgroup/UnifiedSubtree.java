package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code cgroup.subtree_control} of one cgroup v2 cgroup, which decides which controllers its
 * children get.
 */
final class UnifiedSubtree {

  private final Path directory;

  UnifiedSubtree(Path directory) {
    this.directory = directory;
  }

  /**
   * Enables {@code controllers} for the children, those not yet enabled in one write ({@code +cpu
   * +memory}); if the kernel refuses that, one by one, to find which fail.
   *
   * @return the controllers that could not be enabled, each with the failed write's message
   */
  Map<Controller, String> enable(List<Controller> controllers) throws IOException {
    Path file = directory.resolve("cgroup.subtree_control");
    Set<String> enabled = ControlFiles.words(file);
    List<Controller> missing = new ArrayList<>();
    for (Controller controller : controllers) {
      if (!enabled.contains(controller.kernelName())) {
        missing.add(controller);
      }
    }
    Map<Controller, String> failures = new EnumMap<>(Controller.class);
    if (missing.isEmpty()) {
      return failures;
    }
    try {
      ControlFiles.write(
          file, missing.stream().map(c -> "+" + c.kernelName()).collect(Collectors.joining(" ")));
      return failures;
    } catch (IOException e) {
      if (missing.size() == 1) {
        failures.put(missing.get(0), e.getMessage());
        return failures;
      }
    }
    for (Controller controller : missing) {
      try {
        ControlFiles.write(file, "+" + controller.kernelName());
      } catch (IOException e) {
        failures.put(controller, e.getMessage());
      }
    }
    return failures;
  }
}
