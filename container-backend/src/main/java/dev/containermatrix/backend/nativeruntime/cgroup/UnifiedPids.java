package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/** The cgroup v2 pids controller of one cgroup. */
final class UnifiedPids implements PidsController {

  private final Path directory;

  UnifiedPids(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code pids.max}. */
  @Override
  public void setMax(long pids) throws IOException {
    ControlFiles.write(directory.resolve("pids.max"), Long.toString(pids));
  }
}
