package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;

/** The cpuset controller of one cgroup: {@link LegacyCpuset} on v1, {@link UnifiedCpuset} on v2. */
interface CpusetController {

  /**
   * Makes the cgroup one that children can be created in and joined: v1 copies the parent's {@code
   * cpuset.cpus} and {@code cpuset.mems} where this cgroup's are empty; v2 needs nothing, since
   * empty files there mean "as the parent".
   */
  void inheritWhereEmpty() throws IOException;

  /**
   * Limits the cgroup to the CPUs {@code cpus}, e.g. {@code 0-1,3}, with memory nodes as the
   * parent's.
   */
  void setCpus(String cpus) throws IOException;
}
