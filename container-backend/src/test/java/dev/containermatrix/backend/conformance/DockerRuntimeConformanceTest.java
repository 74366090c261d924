package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.docker.DockerApi;
import dev.containermatrix.backend.docker.DockerRuntime;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The docker backend keeps the runtime contract, the sandbox tests included, on the Docker engine
 * this host runs (Debian's docker.io; {@code .ci/run} starts it).
 */
class DockerRuntimeConformanceTest extends ContainerRuntimeConformanceTest {
  private static DockerRuntime runtime;

  @BeforeAll
  static void connect() {
    DockerApi api = HostRequirements.requireDockerEngine();
    runtime = new DockerRuntime(api, "conformance");
  }

  @AfterAll
  static void close() {
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
    return TestSpecs.hostSpec(NativeTestSupport.scratch(id), id, main, arguments).withHostname(id);
  }

  @Override
  protected String channelAsSeenInside(ContainerSpec spec) {
    return "/run/containermatrix/channel.sock";
  }

  /** Docker sets HOSTNAME in every container. */
  @Override
  protected Map<String, String> engineVariables(ContainerSpec spec) {
    return Map.of("HOSTNAME", spec.hostname());
  }

  /** Docker shows a read-only /sys: the JVM reads its container's cgroup limits there. */
  @Override
  protected boolean showsReadOnlySysfs() {
    return true;
  }

  /** Docker's default seccomp profile refuses unshare(CLONE_NEWUSER) to a container. */
  @Override
  protected boolean refusesNewUserNamespaces() {
    return true;
  }

  @Override
  protected Set<Feature> honoured() {
    return EnumSet.complementOf(EnumSet.of(Feature.BASE_IMAGE));
  }
}
