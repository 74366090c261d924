package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.report.VariantReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Counts a variant's outcomes per test class, for a suite's report.json: a test belongs to the
 * class of its method source, else to the nearest enclosing node with a class source; one with
 * neither belongs to no class and is counted in the variant's totals only.
 */
final class ClassTally {
  enum Outcome {
    PASSED,
    FAILED,
    SKIPPED
  }

  private final Map<String, int[]> counts = new LinkedHashMap<>();

  void count(TestDescriptor node, Outcome outcome) {
    className(node).ifPresent(c -> counts.computeIfAbsent(c, k -> new int[3])[outcome.ordinal()]++);
  }

  List<VariantReport.ClassCounts> counts() {
    return counts.entrySet().stream()
        .map(
            e ->
                new VariantReport.ClassCounts(
                    e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .toList();
  }

  private static Optional<String> className(TestDescriptor node) {
    for (Optional<TestDescriptor> d = Optional.of(node); d.isPresent(); d = d.get().getParent()) {
      Optional<String> name =
          d.get()
              .getSource()
              .map(
                  s ->
                      s instanceof MethodSource m
                          ? m.getClassName()
                          : s instanceof ClassSource c ? c.getClassName() : null);
      if (name.isPresent()) {
        return name;
      }
      if (!(d.get() instanceof MirroredDescriptor)) {
        // the variant's node, or above it: not a test class
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
