package dev.containermatrix.backend.conformance;

import dev.containermatrix.backend.process.ProcessRuntime;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The process backend keeps the runtime contract, honouring none of the isolation features. */
class ProcessRuntimeConformanceTest extends ContainerRuntimeConformanceTest {

  private final ProcessRuntime runtime = new ProcessRuntime();

  @Override
  protected ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  protected ContainerSpec spec(Path scratch, String id, Class<?> main, List<String> arguments) {
    return TestSpecs.hostSpec(scratch, id, main, arguments);
  }

  @Override
  protected Set<Feature> honoured() {
    return Set.of();
  }

  /** A plain host JVM: no sandbox, as the user guide says. */
  @Override
  protected boolean sandboxes() {
    return false;
  }
}
