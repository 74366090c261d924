package dev.containermatrix.engine.expand;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.ValueSelector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product of a matrix's axes, as rows of value indexes (one per axis, in axis order), and the
 * excludes as partial rows. Rows come in product order: the first axis varies slowest.
 */
final class ProductSpace {
  static final int MAX_PRODUCT = 200_000;

  private final List<Axis> axes;
  private final int[] sizes;
  private final List<int[]> excludes;
  private final int fullSize;

  private ProductSpace(List<Axis> axes, List<int[]> excludes, int fullSize) {
    this.axes = axes;
    this.sizes = axes.stream().mapToInt(a -> a.labels().size()).toArray();
    this.excludes = excludes;
    this.fullSize = fullSize;
  }

  /**
   * The product space of an already {@linkplain MatrixValidator validated} matrix.
   *
   * @throws MatrixDefinitionException naming the matrix source when the product exceeds {@value
   *     #MAX_PRODUCT}
   */
  static ProductSpace of(MatrixDefinition matrix) {
    List<Axis> axes = matrix.axes();
    BigInteger product = axes.isEmpty() ? BigInteger.ZERO : BigInteger.ONE;
    for (Axis axis : axes) {
      product = product.multiply(BigInteger.valueOf(axis.labels().size()));
    }
    if (product.compareTo(BigInteger.valueOf(MAX_PRODUCT)) > 0) {
      throw new MatrixDefinitionException(
          new Origin(matrix.source()),
          "the axes multiply to "
              + product
              + " combinations, more than the "
              + MAX_PRODUCT
              + " that can be expanded; remove values or split the matrix into several classes");
    }
    List<int[]> excludes = new ArrayList<>();
    for (ValueSelector exclude : matrix.excludes()) {
      int[] partial = new int[axes.size()];
      for (int i = 0; i < axes.size(); i++) {
        String value = exclude.values().get(axes.get(i).name());
        partial[i] = value == null ? -1 : axes.get(i).labels().indexOf(value);
      }
      excludes.add(partial);
    }
    return new ProductSpace(axes, excludes, product.intValueExact());
  }

  int fullSize() {
    return fullSize;
  }

  int[] sizes() {
    return sizes.clone();
  }

  /** Every row no exclude matches, in product order. */
  List<int[]> rowsWithoutExcludes() {
    List<int[]> rows = new ArrayList<>();
    if (fullSize == 0) {
      return rows;
    }
    int[] row = new int[sizes.length];
    for (int n = 0; n < fullSize; n++) {
      if (!excluded(row)) {
        rows.add(row.clone());
      }
      for (int i = sizes.length - 1; i >= 0 && ++row[i] == sizes[i]; i--) {
        row[i] = 0;
      }
    }
    return rows;
  }

  private boolean excluded(int[] row) {
    for (int[] exclude : excludes) {
      boolean all = true;
      for (int i = 0; i < row.length && all; i++) {
        all = exclude[i] < 0 || exclude[i] == row[i];
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** The row as axis name to value label, in axis order. */
  Map<String, String> values(int[] row) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      values.put(axes.get(i).name(), axes.get(i).labels().get(row[i]));
    }
    return values;
  }
}
