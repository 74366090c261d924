package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;

/** The pids controller of one cgroup: {@link LegacyPids} on v1, {@link UnifiedPids} on v2. */
interface PidsController {

  /** Limits the cgroup to {@code pids} processes and threads. */
  void setMax(long pids) throws IOException;
}
