package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a usable controller holds this process, so containers nest under it.
 *
 * @param controller the controller
 * @param version the hierarchy it is mounted in
 * @param directory this process's own cgroup of that controller, e.g. {@code
 *     /sys/fs/cgroup/memory/process_api/13534b9a}; containers go under {@code containermatrix/} in
 *     it
 */
@API(status = INTERNAL, since = "0.1")
public record ControllerPlacement(Controller controller, CgroupVersion version, Path directory) {

  public ControllerPlacement {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(directory, "directory");
  }

  /** The controller files of {@link #version}'s hierarchy. */
  CgroupHierarchy hierarchy() {
    return CgroupHierarchy.of(version);
  }

  /** Where this process's containers go: {@code <directory>/containermatrix}. */
  public Path containersDirectory() {
    return directory.resolve(ContainerCgroups.CONTAINERS);
  }
}
