package dev.containermatrix.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.nativeruntime.NativeHost;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime contract for the native backend run by an unprivileged user, through user namespaces.
 * Not run by Surefire directly (its name does not end in Test): {@code RootlessConformanceTest}
 * runs it in a JVM of the unprivileged user {@code cmtest}.
 */
public class RootlessNativeConformance extends NativeConformanceBase {
  @BeforeAll
  static void rootless() {
    assertThat(NativeTestSupport.isRoot())
        .as("this suite is meant for an unprivileged user")
        .isFalse();
    use(new NativeRuntime(new NativeHost(true, true, List.of())));
  }

  @Test
  void runsWithLimitsItCannotEnforceAndNamesEachOfThem() throws Exception {
    ContainerSpec spec =
        spec(scratch, "limits", PrintEnvMain.class, List.of())
            .withLimits(
                new ResourceLimits(
                    Optional.of(1.0),
                    OptionalLong.of(256L << 20),
                    OptionalLong.of(64),
                    OptionalLong.of(128),
                    Optional.empty()));
    try (ContainerHandle handle = runtime().launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      assertThat(String.join("\n", handle.notEnforced()))
          .contains(
              "cpus=1 is not enforced",
              "only the JVM's view (-XX:ActiveProcessorCount) follows it",
              "memory=256 MiB is not enforced",
              "only the JVM's default heap (-XX:MaxRAM) follows it",
              "pids=64 is not enforced")
          .doesNotContain("nofile");
    }
  }
}
