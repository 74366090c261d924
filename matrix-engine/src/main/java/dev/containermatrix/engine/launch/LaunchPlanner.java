package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.engine.plan.ClassDataArchives;
import dev.containermatrix.engine.plan.LayerStacks;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Turns a variant's plan into its {@link LaunchPlan} for the chosen backend: the layers it mounts,
 * the class-data archive it starts from, and the container spec. The policy lives here: a backend
 * without layers mounts none; a replay needs layers and starts from the class data and JVM options
 * it archived; a spec the backend cannot honour is refused before anything starts.
 */
@API(status = INTERNAL, since = "0.1")
public final class LaunchPlanner {

  /** The run's class-data training, set up on first use. */
  @FunctionalInterface
  public interface Training {
    ClassDataTraining get() throws ContainerException;
  }

  private final ContainerSpecFactory specs;
  private final Optional<Training> classData;

  /**
   * @param classData the run's class-data training; empty when {@code containermatrix.classData} is
   *     off
   */
  public LaunchPlanner(ContainerSpecFactory specs, Optional<Training> classData) {
    this.specs = specs;
    this.classData = classData;
  }

  /**
   * @param stacks the stacks of the variant's class
   * @param agentSelectors what the agent runs inside the variant
   * @param length a class's short run or a suite's long one, for the JVM's flags
   * @param logs where the variant's stdout and stderr go
   * @throws ContainerException naming why the backend cannot run the variant
   * @throws java.io.UncheckedIOException when a layer of its stack cannot be read or stored
   */
  public LaunchPlan plan(
      VariantPlan plan,
      LayerStacks stacks,
      List<String> agentSelectors,
      RunLength length,
      ContainerRuntime runtime,
      Path logs)
      throws ContainerException {
    if (plan.isReplay() && !runtime.usesLayers()) {
      throw new ContainerException(
          "a replay runs on the archived run's layers, which the "
              + runtime.name()
              + " backend cannot mount; replay with -Dcontainermatrix.backend=native");
    }
    List<PlannedLayer> layers = runtime.usesLayers() ? stacks.of(plan) : List.of();
    Optional<ClassDataTraining.Outcome> start = classDataFor(plan, layers, length, runtime);
    if (start.isPresent() && start.get().layer().isPresent()) {
      layers = withClassDataLayer(layers, start.get().layer().get());
    }
    ContainerSpec spec =
        specs.create(plan, agentSelectors, length, runtime.hasOwnHostname(), layers, logs);
    if (start.isPresent()) {
      spec = startingFrom(spec, start.get());
    }
    List<String> unsupported = runtime.unsupported(spec);
    if (!unsupported.isEmpty()) {
      throw new ContainerException(String.join("; ", unsupported));
    }
    return new LaunchPlan(plan, layers, spec, start.map(ClassDataTraining.Outcome::description));
  }

  /**
   * The class-data archive this variant starts from, or why none; empty where none is ever used: a
   * replay starts from the class-data layer and JVM options it archived.
   */
  private Optional<ClassDataTraining.Outcome> classDataFor(
      VariantPlan plan, List<PlannedLayer> layers, RunLength length, ContainerRuntime runtime)
      throws ContainerException {
    if (classData.isEmpty() || !runtime.usesLayers() || plan.isReplay()) {
      return Optional.empty();
    }
    return Optional.of(
        classData.get().get().archiveFor(plan, layers, ShortRunFlags.forRun(plan.env(), length)));
  }

  /** The archive's layer right above the shared jars (or the JDK, when no jar is shared). */
  private static List<PlannedLayer> withClassDataLayer(
      List<PlannedLayer> layers, PlannedLayer archive) {
    List<PlannedLayer> stack = new ArrayList<>(layers);
    int at = 0;
    for (int i = 0; i < stack.size(); i++) {
      LayerRole role = stack.get(i).role();
      if (role == LayerRole.BASE || role == LayerRole.JDK || role == LayerRole.SHARED_JARS) {
        at = i + 1;
      }
    }
    stack.add(at, archive);
    return List.copyOf(stack);
  }

  /**
   * The spec's JVM started from the archive: shared jars first on the classpath, and the option.
   */
  private static ContainerSpec startingFrom(ContainerSpec spec, ClassDataTraining.Outcome start) {
    if (start.use().isEmpty() || start.layer().isEmpty()) {
      return spec;
    }
    var use = start.use().get();
    JvmCommand command = spec.command();
    List<String> options = new ArrayList<>(use.kind().compatibleOptions(command.jvmOptions()));
    options.add(use.kind().useOption(use.pathInside()));
    return spec.withCommand(
        command.withClasspathAndOptions(
            ClassDataArchives.sharedFirst(command.classpath(), use.trainingClasspath()), options));
  }
}
