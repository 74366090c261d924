package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.expand.VariantFilter;
import dev.containermatrix.engine.matrix.Axis;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code containermatrix.variants} filter that keeps no variant of any matrix class the launcher
 * discovered would run nothing and pass. As Surefire's {@code failIfNoSpecifiedTests} does for a
 * {@code -Dtest} that matches nothing, each of those classes fails instead, naming the filter, an
 * axis it names that the class lacks (a misspelling such as {@code jkd=25}), and the variants there
 * are.
 *
 * <p>The check is per discovery: where some class of it has a matching variant, the others are
 * simply filtered out. (Surefire discovers each class on its own when {@code forkCount} is above
 * one, so there a filter must match a variant of every matrix class it runs; narrow the run with
 * {@code -Dtest}.)
 */
final class UnmatchedVariantFilter {
  /** Variants listed in the message, at most; the rest are counted. */
  static final int LISTED = 20;

  private UnmatchedVariantFilter() {}

  /**
   * Fails every valid class when {@code filter} kept no variant of any of them; does nothing
   * otherwise.
   */
  static void failIfNothingMatched(VariantFilter filter, List<MatrixClassDescriptor> classes) {
    List<MatrixClassDescriptor> valid =
        classes.stream().filter(c -> c.matrixError().isEmpty()).toList();
    if (filter.selectsAll()
        || valid.isEmpty()
        || valid.stream().anyMatch(c -> c.matchingVariants() > 0)) {
      return;
    }
    for (MatrixClassDescriptor matrixClass : valid) {
      matrixClass.failWith(
          error(filter, matrixClass.testClass().getName(), matrixClass.matrixVariants()));
    }
  }

  static IllegalArgumentException error(
      VariantFilter filter, String className, List<VariantDefinition> variants) {
    StringBuilder message =
        new StringBuilder(
            "Configuration parameter "
                + VariantFilter.KEY
                + "='"
                + filter
                + "' matches no variant of "
                + className
                + ", so nothing would run");
    Set<String> axes = new LinkedHashSet<>();
    variants.forEach(v -> axes.addAll(v.values().keySet()));
    axes.add(Axis.Base.NAME);
    List<String> unknown = filter.axes().stream().filter(a -> !axes.contains(a)).toList();
    if (!unknown.isEmpty()) {
      message
          .append(": it has no axis ")
          .append(quoted(unknown))
          .append(" (its axes are ")
          .append(String.join(", ", axes))
          .append(')');
    }
    message
        .append(". Its ")
        .append(variants.size())
        .append(variants.size() == 1 ? " variant is: " : " variants are: ");
    for (int i = 0; i < Math.min(LISTED, variants.size()); i++) {
      VariantDefinition variant = variants.get(i);
      message
          .append(i == 0 ? "" : "; ")
          .append(variant.displayName())
          .append(" (")
          .append(variant.id())
          .append(')');
    }
    if (variants.size() > LISTED) {
      message.append("; and ").append(variants.size() - LISTED).append(" more");
    }
    return new IllegalArgumentException(
        message
            .append(
                ". Fix the filter or remove it: it is axis=value terms joined by"
                    + " ',' (all must hold, like jdk=25,tz=utc) or a 12-digit variant id")
            .toString());
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("', '", names) + "'";
  }
}
