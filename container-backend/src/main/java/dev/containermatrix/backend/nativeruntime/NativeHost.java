package dev.containermatrix.backend.nativeruntime;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.nativeruntime.cgroup.ContainerCgroups;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What the native backend needs to know about this host.
 *
 * @param rootless whether containers need a user namespace (we are not root)
 * @param hasIp whether {@code ip} is there to bring loopback up
 * @param missing why the native backend cannot run here, one sentence each; empty when it can
 * @param cgroups where containers' cgroups go, and which limits they can hold
 */
@API(status = INTERNAL, since = "0.1")
public record NativeHost(
    boolean rootless, boolean hasIp, List<String> missing, ContainerCgroups cgroups) {
  public NativeHost {
    missing = List.copyOf(missing);
    java.util.Objects.requireNonNull(cgroups, "cgroups");
  }

  /** A host with this process's own cgroups, as probed. */
  public NativeHost(boolean rootless, boolean hasIp, List<String> missing) {
    this(rootless, hasIp, missing, ContainerCgroups.host());
  }

  /** Whether containers can run here at all. */
  public boolean canRun() {
    return missing.isEmpty();
  }
}
