package dev.containermatrix.engine.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one class's variants are laid out: the axis with the most values as rows, the next as columns
 * (ties go by axis name), and one grid for each combination of the other axes' values that occurs
 * (small multiples). Values sort naturally ({@code 9 < 17 < 2.21.3 < 2.22.0}); a variant without a
 * value for an axis (an include's extra key) sits under "(none)", which sorts first.
 *
 * <p>A grid whose rows × columns would be much larger than its variants (more than {@value
 * #MIN_CELLS} cells and more than {@value #CELLS_PER_VARIANT} per variant, as when every variant
 * has values of its own) is shown as a list instead, so a hostile or odd report cannot make a page
 * of millions of empty cells.
 *
 * @param rows the rows' axis; empty when the class has no axis (one cell)
 * @param columns the columns' axis; empty when the class has fewer than two axes (one column)
 * @param others the axes of the small multiples, in name order
 */
record HeatmapLayout(
    Optional<String> rows, Optional<String> columns, List<String> others, List<Grid> grids) {

  static final int MIN_CELLS = 64;
  static final int CELLS_PER_VARIANT = 4;

  /** A value of an axis, or none. */
  static final Comparator<Optional<String>> VALUE_ORDER =
      Comparator.comparing((Optional<String> v) -> v.isPresent())
          .thenComparing(v -> v.orElse(""), HeatmapLayout::compareNaturally);

  /**
   * One grid of the small multiples.
   *
   * @param fixed the other axes' values every variant of this grid has
   * @param cells the variants at (row value, column value), in report order; missing: no variant
   * @param asList whether the grid is too sparse for a table and is shown as a list
   */
  record Grid(
      Map<String, Optional<String>> fixed,
      List<Optional<String>> rowValues,
      List<Optional<String>> columnValues,
      Map<Cell, List<ReportTree.Variant>> cells,
      boolean asList) {}

  record Cell(Optional<String> row, Optional<String> column) {}

  static HeatmapLayout of(List<ReportTree.Variant> variants) {
    Map<String, Set<Optional<String>>> axes = new TreeMap<>();
    for (ReportTree.Variant variant : variants) {
      variant
          .values()
          .keySet()
          .forEach(axis -> axes.computeIfAbsent(axis, a -> new TreeSet<>(VALUE_ORDER)));
    }
    for (ReportTree.Variant variant : variants) {
      axes.forEach((axis, values) -> values.add(value(variant, axis)));
    }
    List<String> byValues = new ArrayList<>(axes.keySet()); // name order
    byValues.sort(Comparator.comparingInt((String axis) -> axes.get(axis).size()).reversed());
    Optional<String> rows = byValues.isEmpty() ? Optional.empty() : Optional.of(byValues.get(0));
    Optional<String> columns =
        byValues.size() < 2 ? Optional.empty() : Optional.of(byValues.get(1));
    List<String> others =
        byValues.size() <= 2
            ? List.of()
            : byValues.subList(2, byValues.size()).stream().sorted().toList();

    Map<List<Optional<String>>, List<ReportTree.Variant>> byOthers =
        new TreeMap<>(HeatmapLayout::compareValueLists);
    for (ReportTree.Variant variant : variants) {
      List<Optional<String>> key = others.stream().map(axis -> value(variant, axis)).toList();
      byOthers.computeIfAbsent(key, k -> new ArrayList<>()).add(variant);
    }
    List<Grid> grids = new ArrayList<>();
    byOthers.forEach(
        (key, members) -> {
          Map<String, Optional<String>> fixed = new LinkedHashMap<>();
          for (int i = 0; i < others.size(); i++) {
            fixed.put(others.get(i), key.get(i));
          }
          grids.add(grid(fixed, rows, columns, members));
        });
    return new HeatmapLayout(rows, columns, others, grids);
  }

  private static Grid grid(
      Map<String, Optional<String>> fixed,
      Optional<String> rows,
      Optional<String> columns,
      List<ReportTree.Variant> members) {
    Set<Optional<String>> rowValues = new TreeSet<>(VALUE_ORDER);
    Set<Optional<String>> columnValues = new TreeSet<>(VALUE_ORDER);
    Map<Cell, List<ReportTree.Variant>> cells = new LinkedHashMap<>();
    for (ReportTree.Variant variant : members) {
      Optional<String> row = rows.flatMap(axis -> value(variant, axis));
      Optional<String> column = columns.flatMap(axis -> value(variant, axis));
      rowValues.add(row);
      columnValues.add(column);
      cells.computeIfAbsent(new Cell(row, column), c -> new ArrayList<>()).add(variant);
    }
    long size = (long) rowValues.size() * columnValues.size();
    boolean asList = size > MIN_CELLS && size > (long) CELLS_PER_VARIANT * members.size();
    return new Grid(
        fixed,
        List.copyOf(new LinkedHashSet<>(rowValues)),
        List.copyOf(new LinkedHashSet<>(columnValues)),
        cells,
        asList);
  }

  private static Optional<String> value(ReportTree.Variant variant, String axis) {
    return Optional.ofNullable(variant.values().get(axis));
  }

  private static int compareValueLists(List<Optional<String>> a, List<Optional<String>> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = VALUE_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * Compares runs of digits by their numbers and the rest as text, so {@code 9 < 17} and {@code 2.9
   * < 2.10}; texts that compare equal so (leading zeros) go by their plain order.
   */
  static int compareNaturally(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && isDigit(b.charAt(ej))) {
          ej++;
        }
        String na = stripZeros(a.substring(i, ei));
        String nb = stripZeros(b.substring(j, ej));
        int c =
            na.length() != nb.length()
                ? Integer.compare(na.length(), nb.length())
                : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
