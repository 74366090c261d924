package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A container's cgroups: where its processes join, what they enforce, and their removal. */
final class CgroupPlacement {
  private final List<String> notEnforced;

  private CgroupPlacement(List<String> notEnforced) {
    this.notEnforced = notEnforced;
  }

  static CgroupPlacement create(String name, ResourceLimits limits, NativeHost host) {
    List<String> missing = new ArrayList<>();
    limits.cpus().ifPresent(c -> missing.add("cpus=" + c + " is not enforced: no writable cpu cgroup;"
        + " only the JVM's view (-XX:ActiveProcessorCount) follows it"));
    limits.memoryBytes().ifPresent(m -> missing.add("memory=" + m + " bytes is not enforced: no writable memory cgroup;"
        + " only the JVM's default heap (-XX:MaxRAM) follows it"));
    return new CgroupPlacement(missing);
  }

  List<Path> procsFiles() {
    return List.of();
  }

  boolean enforcesPids() {
    return false;
  }

  boolean enforcesCpuset() {
    return false;
  }

  List<String> notEnforced() {
    return notEnforced;
  }

  boolean oomKilled() {
    return false;
  }

  int killRemaining() {
    return 0;
  }

  void release() {}
}
