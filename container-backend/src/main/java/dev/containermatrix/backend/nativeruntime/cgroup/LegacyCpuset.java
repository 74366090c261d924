package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The cgroup v1 cpuset controller of one cgroup. A new v1 cpuset cgroup starts with empty {@code
 * cpuset.cpus} and {@code cpuset.mems}, and no process can join it until both are set.
 */
final class LegacyCpuset implements CpusetController {

  private final Path directory;

  LegacyCpuset(Path directory) {
    this.directory = directory;
  }

  /**
   * Copies the parent's {@code cpuset.cpus} and {@code cpuset.mems} where this cgroup's are empty.
   */
  @Override
  public void inheritWhereEmpty() throws IOException {
    inheritWhereEmpty("cpuset.cpus");
    inheritWhereEmpty("cpuset.mems");
  }

  /**
   * Writes {@code cpuset.cpus}, then copies the parent's {@code cpuset.mems} if this cgroup's are
   * empty.
   */
  @Override
  public void setCpus(String cpus) throws IOException {
    ControlFiles.write(directory.resolve("cpuset.cpus"), cpus);
    inheritWhereEmpty("cpuset.mems");
  }

  private void inheritWhereEmpty(String file) throws IOException {
    if (ControlFiles.readIfExists(directory.resolve(file)).orElse("").isEmpty()) {
      ControlFiles.write(
          directory.resolve(file), ControlFiles.read(directory.getParent().resolve(file)));
    }
  }
}
