package dev.containermatrix.engine.expand;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.matrix.ValueSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds test matrices whose axes carry arbitrary labels (library axes named like GitHub's
 * examples).
 */
final class Matrices {
  static final Origin ORIGIN = new Origin("test");

  private Matrices() {}

  static Axis axis(String name, String... labels) {
    return Axis.Library.of("test:" + name, name, List.of(labels), new Origin("axis " + name));
  }

  /** {@code "k=v"} pairs. */
  static ValueSelector selector(String... pairs) {
    return ValueSelector.parse(pairs, new Origin("selector " + String.join(",", pairs)));
  }

  static Map<String, String> values(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }

  static MatrixDefinition matrix(
      List<Axis> axes,
      List<ValueSelector> excludes,
      List<ValueSelector> includes,
      Strategy.Combinations combinations) {
    Strategy strategy = new Strategy(combinations, false, 0, Strategy.DEFAULT_TIMEOUT);
    return new MatrixDefinition("test matrix", "host", axes, excludes, includes, strategy);
  }

  static MatrixDefinition matrix(
      List<Axis> axes, List<ValueSelector> excludes, List<ValueSelector> includes) {
    return matrix(axes, excludes, includes, Strategy.Combinations.ALL);
  }
}
