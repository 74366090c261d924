package dev.containermatrix.junit.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.junit.agent.MatrixClassExclusion;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Removes {@code @ContainerMatrix} classes (and their nested classes and methods) from every engine
 * but {@code container-matrix}, so the host's Jupiter engine neither runs them nor reports them as
 * skipped; and everything JUnit's suite engine found for a suite matrix that is also a
 * {@code @Suite}, so the host's suite engine does not run it either. Registered through {@code
 * ServiceLoader}; the in-container agent turns it off.
 */
@API(status = INTERNAL, since = "0.1")
public final class JupiterMatrixClassFilter implements PostDiscoveryFilter {
  static final String ENGINE_ID = "container-matrix";
  private static final String SUITE_SEGMENT = "suite";

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (descriptor.getUniqueId().getEngineId().filter(ENGINE_ID::equals).isPresent()) {
      return FilterResult.included("run by the container-matrix engine");
    }
    Optional<String> suite = inSuiteMatrix(descriptor);
    if (suite.isPresent()) {
      detachSuiteNode(descriptor, suite.get());
      return FilterResult.excluded(
          suite.get() + " is a @ContainerMatrix suite: the container-matrix engine runs it");
    }
    Optional<String> owner =
        descriptor
            .getSource()
            .flatMap(MatrixClassExclusion::sourceClassName)
            .flatMap(JupiterMatrixClassFilter::owningMatrixClass);
    return owner
        .map(
            name ->
                FilterResult.excluded(
                    name + " is a @ContainerMatrix class: the container-matrix engine runs it"))
        .orElseGet(() -> FilterResult.included("not a @ContainerMatrix class"));
  }

  /**
   * Removes the suite engine's node of {@code suiteClass} above (or at) {@code descriptor}, with
   * everything under it. A launcher judges only childless nodes by its filters and would keep the
   * suite's node, which the suite engine then fails for having no tests; so the node goes as soon
   * as the filter sees any node of it (the launcher visits what it removes no further, or judges
   * the detached rest harmlessly).
   */
  private static void detachSuiteNode(TestDescriptor descriptor, String suiteClass) {
    for (Optional<TestDescriptor> d = Optional.of(descriptor);
        d.isPresent();
        d = d.get().getParent()) {
      UniqueId.Segment last = d.get().getUniqueId().getLastSegment();
      if (last.getType().equals(SUITE_SEGMENT) && last.getValue().equals(suiteClass)) {
        d.get().removeFromHierarchy();
        return;
      }
    }
  }

  /**
   * The matrix class whose suite-engine node holds {@code descriptor}: JUnit's suite engine runs a
   * {@code @Suite} class as {@code [engine:junit-platform-suite]/[suite:X]/…}, and a suite matrix
   * must not run on the host through it.
   */
  private static Optional<String> inSuiteMatrix(TestDescriptor descriptor) {
    return descriptor.getUniqueId().getSegments().stream()
        .filter(s -> s.getType().equals(SUITE_SEGMENT))
        .map(s -> owningMatrixClass(s.getValue()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> owningMatrixClass(String className) {
    return ReflectionSupport.tryToLoadClass(className)
        .toOptional()
        .flatMap(MatrixClasses::owningMatrixClass)
        .map(Class::getName);
  }
}
