package dev.containermatrix.backend.nativeruntime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What the native backend needs to know about this host.
 *
 * @param rootless whether containers need a user namespace (we are not root)
 * @param hasIp whether {@code ip} is there to bring loopback up
 * @param missing why the native backend cannot run here, one sentence each; empty when it can
 */
@API(status = INTERNAL, since = "0.1")
public record NativeHost(boolean rootless, boolean hasIp, List<String> missing) {
  public NativeHost {
    missing = List.copyOf(missing);
  }

  /** Whether containers can run here at all. */
  public boolean canRun() {
    return missing.isEmpty();
  }
}
