package dev.containermatrix.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose host lacks something, except on CI ({@code CI=true}), where it fails instead.
 */
public final class HostRequirements {

  private HostRequirements() {}

  /**
   * A client of the Docker engine at {@code /var/run/docker.sock} that answered a ping, or the test
   * is skipped (failed on CI) saying how to get one.
   */
  public static dev.containermatrix.backend.docker.DockerApi requireDockerEngine() {
    dev.containermatrix.backend.docker.DockerApi api;
    try {
      api =
          dev.containermatrix.backend.docker.DockerApi.connect(
              dev.containermatrix.backend.docker.DockerHost.DEFAULT);
      api.ping();
    } catch (java.io.IOException e) {
      api = null;
    }
    require(
        api != null,
        "a Docker engine at /var/run/docker.sock (apt-get install docker.io; dockerd"
            + " --bridge=none --iptables=false --ip-masq=false)");
    return api;
  }

  public static void require(boolean present, String reason) {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present).as(reason + " (CI=true, so this host must have it)").isTrue();
    } else {
      Assumptions.assumeTrue(present, reason);
    }
  }
}
