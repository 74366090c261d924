package dev.containermatrix.junit.compat;

import dev.containermatrix.backend.nativeruntime.probe.HostProbe;
import java.util.Optional;

/**
 * The backend a fixture's report must name on this host: {@code native} under {@code CI=true} where
 * the host can run native containers (CI's machines can), otherwise nothing is asserted, since
 * {@code auto} then picks what the host allows.
 */
final class ExpectedBackend {
  private ExpectedBackend() {}

  static Optional<String> onThisHost() throws InterruptedException {
    if ("true".equals(System.getenv("CI")) && HostProbe.capabilities().canRunNative()) {
      return Optional.of("native");
    }
    return Optional.empty();
  }
}
