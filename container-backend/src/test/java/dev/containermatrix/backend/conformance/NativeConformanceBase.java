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

/**
 * What the native backend's conformance runs, as root and rootless, share: scratch directories from
 * {@link NativeTestSupport}, the hostname set, the channel at its in-container path, and every
 * feature honoured but base images other than {@code host}.
 */
abstract class NativeConformanceBase extends ContainerRuntimeConformanceTest {

  /** The runtime of the subclass's run. */
  protected abstract NativeRuntime nativeRuntime();

  @Override
  protected ContainerRuntime runtime() {
    return nativeRuntime();
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
