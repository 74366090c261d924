package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * What the native backend's conformance runs, as root and rootless, share: scratch directories from
 * {@link NativeTestSupport}, a runtime closed after the run, the hostname set, the channel at its
 * in-container path, and every feature honoured but base images other than {@code host}.
 */
abstract class NativeConformanceBase extends ContainerRuntimeConformanceTest {

  private static NativeRuntime runtime;

  /** Sets the runtime of the subclass's run; its {@code @BeforeAll} calls it, once. */
  protected static void use(NativeRuntime nativeRuntime) {
    runtime = nativeRuntime;
  }

  @AfterAll
  static void closeRuntime() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }

  @Override
  protected ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  protected ContainerSpec spec(Path scratch, String id, Class<?> main, List<String> arguments) {
    return TestSpecs.hostSpec(NativeTestSupport.scratch(id), id, main, arguments).withHostname(id);
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
