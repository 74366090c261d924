package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One dimension of a matrix. Its {@link #labels()} are the strings that include/exclude entries,
 * the {@code containermatrix.variants} filter and {@code Variant.value(name)} use.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface Axis permits LibraryAxis, JdkAxis, ResourceAxis, ConfigAxis, BaseAxis {

  /** The axis name; unique within a matrix. */
  String name();

  /** The value labels in declaration order; never empty, no duplicates. */
  List<String> labels();

  /** Where the axis was declared. */
  Origin origin();

  static void checkName(String name, Origin origin) {
    if (name == null || name.isBlank()) {
      throw new MatrixDefinitionException(origin, "the axis name is blank; give it a name");
    }
    if (!name.matches("[A-Za-z0-9_.\\-]+")) {
      throw new MatrixDefinitionException(
          origin, "axis name '" + name + "' may contain only letters, digits, '_', '.' and '-'");
    }
  }

  static List<String> checkLabels(List<String> labels, String axis, Origin origin) {
    if (labels.isEmpty()) {
      throw new MatrixDefinitionException(
          origin, "axis '" + axis + "' has no values; give it at least one");
    }
    var seen = new java.util.HashSet<String>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new MatrixDefinitionException(origin, "axis '" + axis + "' has a blank value");
      }
      if (label.contains(",") || label.contains("=")) {
        throw new MatrixDefinitionException(
            origin, "value '" + label + "' of axis '" + axis + "' must not contain ',' or '='");
      }
      if (!seen.add(label)) {
        throw new MatrixDefinitionException(
            origin, "axis '" + axis + "' lists '" + label + "' twice; list each value once");
      }
    }
    return List.copyOf(labels);
  }
}
