package dev.containermatrix.junit.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

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
 * Removes {@code @ContainerMatrix} classes (and their nested classes and methods) from every engine
 * but {@code container-matrix}, so the host's Jupiter engine neither runs them nor reports them as
 * skipped. Registered through {@code ServiceLoader}; the in-container agent turns it off.
 */
@API(status = INTERNAL, since = "0.1")
public final class JupiterMatrixClassFilter implements PostDiscoveryFilter {
  static final String ENGINE_ID = "container-matrix";

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (descriptor.getUniqueId().getEngineId().filter(ENGINE_ID::equals).isPresent()) {
      return FilterResult.included("run by the container-matrix engine");
    }
    Optional<String> owner =
        descriptor
            .getSource()
            .flatMap(JupiterMatrixClassFilter::className)
            .flatMap(name -> ReflectionSupport.tryToLoadClass(name).toOptional())
            .flatMap(MatrixClasses::owningMatrixClass)
            .map(Class::getName);
    return owner
        .map(
            name ->
                FilterResult.excluded(
                    name + " is a @ContainerMatrix class: the container-matrix engine runs it"))
        .orElseGet(() -> FilterResult.included("not a @ContainerMatrix class"));
  }

  private static Optional<String> className(TestSource source) {
    if (source instanceof ClassSource c) {
      return Optional.of(c.getClassName());
    }
    if (source instanceof MethodSource m) {
      return Optional.of(m.getClassName());
    }
    return Optional.empty();
  }
}
