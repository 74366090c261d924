package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/** The cgroup v1 pids controller of one cgroup. */
final class LegacyPids implements PidsController {

  private final Path directory;

  LegacyPids(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code pids.max}. */
  @Override
  public void setMax(long pids) throws IOException {
    ControlFiles.write(directory.resolve("pids.max"), Long.toString(pids));
  }
}
