package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cgroup v2 cpuset controller of one cgroup; unlike v1, empty files there mean "as the parent".
 */
final class UnifiedCpuset implements CpusetController {

  private final Path directory;

  UnifiedCpuset(Path directory) {
    this.directory = directory;
  }

  /** Nothing to do: an empty {@code cpuset.cpus} or {@code cpuset.mems} means the parent's. */
  @Override
  public void inheritWhereEmpty() {}

  /**
   * Writes {@code cpuset.cpus}, and {@code cpuset.mems} as the parent's {@code
   * cpuset.mems.effective} where the parent has both.
   */
  @Override
  public void setCpus(String cpus) throws IOException {
    ControlFiles.write(directory.resolve("cpuset.cpus"), cpus);
    Path parentMems = directory.getParent().resolve("cpuset.mems.effective");
    if (Files.exists(parentMems) && Files.exists(directory.getParent().resolve("cpuset.mems"))) {
      String value = ControlFiles.read(parentMems);
      if (!value.isEmpty()) {
        ControlFiles.write(directory.resolve("cpuset.mems"), value);
      }
    }
  }
}
