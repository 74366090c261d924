package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.expand.Expansion;
import dev.containermatrix.engine.expand.MatrixExpander;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.plan.PlanSource;
import dev.containermatrix.engine.report.MatrixSummary;
import dev.containermatrix.junit.agent.SuiteSelection;
import dev.containermatrix.junit.discovery.AnnotationMatrixReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final Supplier<PlanSource> plans;
  private final Optional<IllegalArgumentException> configurationError;

  /**
   * @param plans where the variants' plans come from: today's matrix, or the archived run for a
   *     replay
   * @param configurationError the run's bad configuration values: every class fails with it,
   *     unplanned
   */
  MatrixClassFactory(
      EngineSettings settings,
      Supplier<PlanSource> plans,
      Optional<IllegalArgumentException> configurationError) {
    this.settings = settings;
    this.plans = plans;
    this.configurationError = configurationError;
  }

  MatrixClassDescriptor descriptorFor(Class<?> testClass, UniqueId engineId) {
    return created.computeIfAbsent(testClass, c -> create(c, engineId));
  }

  private MatrixClassDescriptor create(Class<?> testClass, UniqueId engineId) {
    boolean suite = SuiteSelection.isSuite(testClass);
    UniqueId id =
        engineId.append(
            suite ? MatrixClassDescriptor.SUITE_SEGMENT_TYPE : MatrixClassDescriptor.SEGMENT_TYPE,
            testClass.getName());
    if (configurationError.isPresent()) {
      return MatrixClassDescriptor.invalid(id, testClass, configurationError.get());
    }
    try {
      if (suite) {
        // a selector naming something missing fails discovery, naming the annotation
        SuiteSelection.of(testClass);
      }
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
      PlanSource source = plans.get();
      List<VariantDefinition> candidates =
          source.variants(testClass.getName(), matrix, expansion.variants());
      List<VariantDefinition> matching =
          candidates.stream()
              .filter(variant -> settings.variants().map(f -> f.test(variant)).orElse(true))
              .toList();
      // a variant of another shard is not in the tree; a shard may keep none (n > variants)
      Optional<Set<String>> shard =
          settings
              .shard()
              .map(
                  s ->
                      s.keep(
                          testClass.getName(),
                          matching.stream().map(VariantDefinition::id).toList()));
      for (VariantDefinition variant : matching) {
        if (shard.map(kept -> kept.contains(variant.id())).orElse(true)) {
          descriptor.addChild(new VariantDescriptor(id, source.plan(testClass.getName(), variant)));
        }
      }
      descriptor.filtered(candidates, matching.size());
      return descriptor;
    } catch (RuntimeException e) {
      return MatrixClassDescriptor.invalid(id, testClass, e);
    }
  }
}
