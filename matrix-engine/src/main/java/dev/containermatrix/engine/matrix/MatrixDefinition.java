package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A whole matrix as written by the user, from annotations or YAML; both readers produce this.
 *
 * @param source what it was read from, e.g. {@code matrix/json.yaml} or {@code annotations on
 *     com.x.FooTest}
 * @param base the default base image for variants without a base axis
 * @param axes in declaration order; names unique
 */
@API(status = INTERNAL, since = "0.1")
public record MatrixDefinition(
    String source,
    String base,
    List<Axis> axes,
    List<ValueSelector> excludes,
    List<ValueSelector> includes,
    Strategy strategy) {

  public MatrixDefinition {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(strategy, "strategy");
    axes = List.copyOf(axes);
    excludes = List.copyOf(excludes);
    includes = List.copyOf(includes);
    var names = new HashSet<String>();
    for (Axis axis : axes) {
      if (!names.add(axis.name())) {
        throw new MatrixDefinitionException(
            axis.origin(),
            "axis '" + axis.name() + "' is declared twice; give each axis a distinct name");
      }
    }
  }

  /** The axis with that name, if any. */
  public java.util.Optional<Axis> axis(String name) {
    return axes.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
