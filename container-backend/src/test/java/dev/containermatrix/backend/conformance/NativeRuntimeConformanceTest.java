package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The native backend keeps the runtime contract as root. Its scratch directories live under
 * {@code target/}, since a container's working directory may not be under {@code /tmp}.
 */
class NativeRuntimeConformanceTest extends ContainerRuntimeConformanceTest {
  private static NativeRuntime runtime;

  @BeforeAll
  static void requireRoot() throws IOException {
    HostRequirements.require(NativeTestSupport.isRoot(), "the native backend's root conformance run needs root");
    runtime = new NativeRuntime(NativeTestSupport.rootHost());
  }

  @AfterAll
  static void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Override
  protected ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  protected ContainerSpec spec(Path scratch, String id, Class<?> main, List<String> arguments) {
    Path outsideTmp = NativeTestSupport.scratch(id);
    return TestSpecs.hostSpec(outsideTmp, id, main, arguments).withHostname(id);
  }

  @Override
  protected String channelAsSeenInside(ContainerSpec spec) {
    return "/run/containermatrix/channel.sock";
  }

  @Override
  protected Set<Feature> honoured() {
    return EnumSet.complementOf(EnumSet.of(Feature.BASE_IMAGE));
  }
}
