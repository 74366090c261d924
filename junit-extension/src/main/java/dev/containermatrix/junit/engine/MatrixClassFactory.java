package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.archive.ReplaySource;
import dev.containermatrix.engine.expand.Expansion;
import dev.containermatrix.engine.expand.MatrixExpander;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.plan.VariantPlanner;
import dev.containermatrix.engine.report.MatrixSummary;
import dev.containermatrix.engine.resolve.ClasspathComposer;
import dev.containermatrix.engine.resolve.JdkLocator;
import dev.containermatrix.engine.resolve.LibraryResolver;
import dev.containermatrix.junit.discovery.AnnotationMatrixReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.platform.engine.UniqueId;

/**
 * Builds the descriptor of a matrix class with one child per variant. Reading, expanding and
 * planning happen here, once per class; a wrong matrix yields a descriptor that fails with the
 * error when run, so nothing of that class runs.
 */
final class MatrixClassFactory {
  private final EngineSettings settings;
  private final Map<Class<?>, MatrixClassDescriptor> created = new ConcurrentHashMap<>();
  private final Optional<Supplier<ReplaySource>> replay;
  private final Optional<IllegalArgumentException> configurationError;
  private VariantPlanner planner;

  /**
   * @param replay the archived run to take variants from instead of expanding the matrix, for a
   *     replay
   * @param configurationError the run's bad configuration values: every class fails with it,
   *     unplanned
   */
  MatrixClassFactory(
      EngineSettings settings,
      Optional<Supplier<ReplaySource>> replay,
      Optional<IllegalArgumentException> configurationError) {
    this.settings = settings;
    this.replay = replay;
    this.configurationError = configurationError;
  }

  MatrixClassDescriptor descriptorFor(Class<?> testClass, UniqueId engineId) {
    return created.computeIfAbsent(testClass, c -> create(c, engineId));
  }

  private MatrixClassDescriptor create(Class<?> testClass, UniqueId engineId) {
    UniqueId id = engineId.append(MatrixClassDescriptor.SEGMENT_TYPE, testClass.getName());
    if (configurationError.isPresent()) {
      return MatrixClassDescriptor.invalid(id, testClass, configurationError.get());
    }
    try {
      MatrixDefinition matrix = AnnotationMatrixReader.read(testClass);
      Expansion expansion = new MatrixExpander().expand(matrix);
      MatrixSummary summary =
          new MatrixSummary(
              testClass.getName(),
              matrix.source(),
              expansion.combinations().name(),
              expansion.variants().size(),
              expansion.fullProductSize());
      var strategy = matrix.strategy();
      MatrixClassDescriptor descriptor =
          MatrixClassDescriptor.valid(
              id, testClass, summary, strategy.maxParallel(), strategy.failFast());
      if (replay.isPresent()) {
        List<VariantPlan> plans = replay.get().get().plans(testClass.getName(), matrix);
        for (VariantPlan plan : plans) {
          if (settings.variants().map(f -> f.test(plan.variant())).orElse(true)) {
            descriptor.addChild(new VariantDescriptor(id, plan));
          }
        }
        descriptor.filtered(
            plans.stream().map(VariantPlan::variant).toList(), descriptor.getChildren().size());
        return descriptor;
      }
      for (VariantDefinition variant : expansion.variants()) {
        if (settings.variants().map(f -> f.test(variant)).orElse(true)) {
          descriptor.addChild(
              new VariantDescriptor(id, planner().plan(testClass.getName(), variant)));
        }
      }
      descriptor.filtered(expansion.variants(), descriptor.getChildren().size());
      return descriptor;
    } catch (RuntimeException e) {
      return MatrixClassDescriptor.invalid(id, testClass, e);
    }
  }

  private synchronized VariantPlanner planner() {
    if (planner == null) {
      planner =
          new VariantPlanner(
              variantClasspath(settings.store()),
              settings.baseDirectory(),
              Thread.currentThread().getContextClassLoader(),
              new ClasspathComposer(LibraryResolver.forProject(settings.baseDirectory())),
              JdkLocator.forThisHost(),
              settings.reportDirectory().resolve("files"));
    }
    return planner;
  }

  /**
   * What a variant's classpath starts from (design §2): the user's test classpath, the JUnit
   * Platform launcher where the project lacks it, and the agent jar; no other jar of ours.
   */
  private static List<Path> variantClasspath(Path store) {
    List<Path> classpath = new ArrayList<>(HostClasspath.read());
    HostClasspath.launcherJar().filter(jar -> !classpath.contains(jar)).ifPresent(classpath::add);
    classpath.add(AgentJar.materialize(store));
    return classpath;
  }
}
