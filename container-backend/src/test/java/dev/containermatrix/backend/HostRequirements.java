package dev.containermatrix.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose host lacks something, except on CI ({@code CI=true}), where it fails instead.
 */
public final class HostRequirements {

  private HostRequirements() {}

  public static void require(boolean present, String reason) {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present).as(reason + " (CI=true, so this host must have it)").isTrue();
    } else {
      Assumptions.assumeTrue(present, reason);
    }
  }
}
