package dev.containermatrix.junit.engine;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.containermatrix.junit.agent.SelectorText;
import dev.containermatrix.junit.discovery.MatrixClasses;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class, method, nested-class, nested-method and unique-id selectors to matrix classes and
 * their variants, and records what each variant's agent must run inside. Starts nothing.
 */
final class MatrixSelectorResolver implements SelectorResolver {
  private final MatrixClassFactory factory;
  private final UniqueId engineId;

  MatrixSelectorResolver(MatrixClassFactory factory, UniqueId engineId) {
    this.factory = factory;
    this.engineId = engineId;
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> c = selector.getJavaClass();
    if (!MatrixClasses.isMatrixClass(c)) {
      return unresolved();
    }
    return classDescriptor(c, context)
        .map(
            d -> {
              d.selectWholeClass();
              return Resolution.match(Match.exact(d));
            })
        .orElse(unresolved());
  }

  @Override
  public Resolution resolve(NestedClassSelector selector, Context context) {
    return insideEveryVariant(selector.getEnclosingClasses().get(0), selector, context);
  }

  @Override
  public Resolution resolve(MethodSelector selector, Context context) {
    return insideEveryVariant(selector.getJavaClass(), selector, context);
  }

  @Override
  public Resolution resolve(NestedMethodSelector selector, Context context) {
    return insideEveryVariant(selector.getEnclosingClasses().get(0), selector, context);
  }

  private Resolution insideEveryVariant(
      Class<?> outer, DiscoverySelector selector, Context context) {
    if (!MatrixClasses.isMatrixClass(outer)) {
      return unresolved();
    }
    return classDescriptor(outer, context)
        .filter(d -> !d.isSuite())
        .map(
            d -> {
              SelectorText.of(selector).ifPresent(d::selectInEveryVariant);
              return Resolution.match(Match.exact(d));
            })
        .orElse(unresolved());
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId uid = selector.getUniqueId();
    List<UniqueId.Segment> segments = uid.getSegments();
    if (!uid.hasPrefix(engineId)
        || segments.size() < 2
        || !(MatrixClassDescriptor.SEGMENT_TYPE.equals(segments.get(1).getType())
            || MatrixClassDescriptor.SUITE_SEGMENT_TYPE.equals(segments.get(1).getType()))) {
      return unresolved();
    }
    Optional<Class<?>> c =
        ReflectionSupport.tryToLoadClass(segments.get(1).getValue())
            .toOptional()
            .filter(MatrixClasses::isMatrixClass);
    if (c.isEmpty()) {
      return unresolved();
    }
    Optional<MatrixClassDescriptor> d = classDescriptor(c.get(), context);
    if (d.isEmpty()) {
      return unresolved();
    }
    MatrixClassDescriptor classDescriptor = d.get();
    if (!classDescriptor.getUniqueId().getLastSegment().equals(segments.get(1))) {
      // [class:X] of a suite matrix X, or [suite:X] of a class matrix
      return unresolved();
    }
    if (segments.size() == 2) {
      classDescriptor.selectWholeClass();
      return Resolution.match(Match.exact(classDescriptor));
    }
    if (!VariantDescriptor.SEGMENT_TYPE.equals(segments.get(2).getType())) {
      return unresolved();
    }
    String variantId = segments.get(2).getValue();
    Optional<VariantDescriptor> variant = classDescriptor.variant(variantId);
    if (variant.isEmpty()) {
      return unresolved();
    }
    if (segments.size() == 3) {
      classDescriptor.selectWholeVariant(variantId);
    } else {
      classDescriptor.selectInVariant(variantId, "uid:" + inside(classDescriptor, segments));
    }
    return Resolution.match(Match.exact(variant.get()));
  }

  /**
   * The agent's unique id for the segments below the variant: a class matrix's class is the
   * variant, so {@code [method:m()]} is {@code [engine:junit-jupiter]/[class:X]/[method:m()]}; a
   * suite's segments start with the inner engine's own.
   */
  private static UniqueId inside(MatrixClassDescriptor d, List<UniqueId.Segment> segments) {
    List<UniqueId.Segment> below = segments.subList(3, segments.size());
    UniqueId inside =
        d.isSuite()
            ? UniqueId.root(below.get(0).getType(), below.get(0).getValue())
            : UniqueId.forEngine("junit-jupiter").append("class", d.testClass().getName());
    for (UniqueId.Segment s : d.isSuite() ? below.subList(1, below.size()) : below) {
      inside = inside.append(s);
    }
    return inside;
  }

  private Optional<MatrixClassDescriptor> classDescriptor(Class<?> c, Context context) {
    return context
        .addToParent(parent -> Optional.of(factory.descriptorFor(c, engineId)))
        .map(TestDescriptor.class::cast)
        .map(MatrixClassDescriptor.class::cast);
  }
}
