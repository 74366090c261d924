package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ImageReference;
import dev.containermatrix.engine.matrix.JdkImage;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.ValueSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Checks what the axes alone cannot: that every exclude and include names axes and values that
 * exist. Both the annotation reader and the YAML reader produce a {@link MatrixDefinition}, and
 * {@link MatrixExpander} calls this before expanding, so both paths get the same errors.
 *
 * <p>An exclude must name existing axes and existing values. An include may carry keys that are not
 * axes (they become extra values); on a library, JDK or base axis it may bring a new value; on a
 * resources or config axis its value must name an existing profile.
 */
@API(status = INTERNAL, since = "0.1")
public final class MatrixValidator {
  private MatrixValidator() {}

  /**
   * Throws on the first exclude or include that names nothing.
   *
   * @throws MatrixDefinitionException naming the entry's origin, the key and value, and what exists
   */
  public static void validate(MatrixDefinition matrix) {
    for (ValueSelector exclude : matrix.excludes()) {
      for (Map.Entry<String, String> e : exclude.values().entrySet()) {
        Axis axis =
            matrix.axis(e.getKey()).orElseThrow(() -> unknownAxis(matrix, exclude, e.getKey()));
        requireExisting(axis, "exclude", e.getValue(), exclude);
      }
    }
    for (ValueSelector allowed : matrix.strategy().allowFailures()) {
      requireSelectable(matrix, allowed);
    }
    for (ValueSelector include : matrix.includes()) {
      for (Map.Entry<String, String> e : include.values().entrySet()) {
        Optional<Axis> axis = matrix.axis(e.getKey());
        if (axis.isEmpty()) {
          continue; // an extra key, as GitHub Actions allows
        }
        if (axis.get() instanceof Axis.Resource || axis.get() instanceof Axis.Config) {
          requireExisting(axis.get(), "include", e.getValue(), include);
        } else if (axis.get() instanceof Axis.Base) {
          ImageReference.check(e.getValue(), include.origin());
        } else if (axis.get() instanceof Axis.Jdk) {
          Axis.checkLabels(List.of(e.getValue()), e.getKey(), include.origin());
          JdkImage.of(e.getValue(), include.origin());
        } else {
          Axis.checkLabels(List.of(e.getValue()), e.getKey(), include.origin());
        }
      }
    }
  }

  /**
   * An {@code allowFailures} entry must name axes (or keys an include adds) and values some variant
   * can have: an axis's own values, or those an include brings.
   */
  private static void requireSelectable(MatrixDefinition matrix, ValueSelector allowed) {
    for (Map.Entry<String, String> e : allowed.values().entrySet()) {
      java.util.Set<String> values = new java.util.LinkedHashSet<>();
      matrix.axis(e.getKey()).ifPresent(axis -> values.addAll(axis.labels()));
      if (e.getKey().equals(dev.containermatrix.engine.matrix.Axis.Base.NAME)) {
        values.add(matrix.base());
      }
      boolean key = matrix.axis(e.getKey()).isPresent();
      for (ValueSelector include : matrix.includes()) {
        String value = include.values().get(e.getKey());
        if (value != null) {
          values.add(value);
          key = true;
        }
      }
      if (!key) {
        throw new MatrixDefinitionException(
            allowed.origin(),
            "allowFailures entry '"
                + allowed.text()
                + "' names axis '"
                + e.getKey()
                + "', which this matrix does not have; use one of its axes: "
                + (matrix.axes().isEmpty()
                    ? "(none)"
                    : String.join(", ", matrix.axes().stream().map(Axis::name).toList())));
      }
      if (!values.contains(e.getValue())) {
        throw new MatrixDefinitionException(
            allowed.origin(),
            "allowFailures entry '"
                + allowed.text()
                + "' names value '"
                + e.getKey()
                + "="
                + e.getValue()
                + "', which no variant has; use one of: "
                + String.join(", ", values));
      }
    }
  }

  private static MatrixDefinitionException unknownAxis(
      MatrixDefinition matrix, ValueSelector exclude, String key) {
    String what =
        matrix.axes().isEmpty()
            ? "this matrix has no axes, so remove the exclude"
            : "use one of its axes: "
                + String.join(", ", matrix.axes().stream().map(Axis::name).toList());
    return new MatrixDefinitionException(
        exclude.origin(),
        "exclude names axis '" + key + "', which this matrix does not have; " + what);
  }

  private static void requireExisting(
      Axis axis, String kind, String value, ValueSelector selector) {
    if (!axis.labels().contains(value)) {
      String note =
          kind.equals("include") ? " (an include cannot invent " + axis.name() + " profiles)" : "";
      throw new MatrixDefinitionException(
          selector.origin(),
          kind
              + " value '"
              + axis.name()
              + "="
              + value
              + "' names no value of axis '"
              + axis.name()
              + "'; use one of: "
              + String.join(", ", axis.labels())
              + note);
    }
  }
}
