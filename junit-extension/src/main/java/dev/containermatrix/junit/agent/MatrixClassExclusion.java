package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Inside a suite matrix, removes the tests of {@code @ContainerMatrix} classes the suite's
 * selectors found: such a class runs as its own matrix, never nested in another's variant. The
 * annotation is matched by name, since the agent imports no other package of ours.
 */
@API(status = INTERNAL, since = "0.1")
public final class MatrixClassExclusion implements PostDiscoveryFilter {
  /**
   * {@code dev.containermatrix.junit.ContainerMatrix}, written in two parts for the package map.
   */
  static final String ANNOTATION = "dev.containermatrix.junit" + ".ContainerMatrix";

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    return descriptor
        .getSource()
        .flatMap(MatrixClassExclusion::sourceClassName)
        .flatMap(name -> ReflectionSupport.tryToLoadClass(name).toOptional())
        .flatMap(MatrixClassExclusion::owningMatrixClass)
        .map(
            c ->
                FilterResult.excluded(
                    c.getName() + " is a @ContainerMatrix class: it runs as its own matrix"))
        .orElseGet(() -> FilterResult.included("not a @ContainerMatrix class"));
  }

  private static Optional<Class<?>> owningMatrixClass(Class<?> candidate) {
    for (Class<?> c = candidate; c != null; c = c.getEnclosingClass()) {
      for (Annotation a : c.getAnnotations()) {
        if (a.annotationType().getName().equals(ANNOTATION)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** The class a class or method source names; empty for other sources. */
  public static Optional<String> sourceClassName(TestSource source) {
    if (source instanceof ClassSource c) {
      return Optional.of(c.getClassName());
    }
    if (source instanceof MethodSource m) {
      return Optional.of(m.getClassName());
    }
    return Optional.empty();
  }
}
