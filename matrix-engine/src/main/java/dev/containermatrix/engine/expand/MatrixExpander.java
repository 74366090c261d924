package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Strategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Expands a matrix into variants, following GitHub Actions' matrix rules.
 *
 * <ol>
 *   <li>The product of the axes, first axis varying slowest; no axes give no combinations.
 *   <li>Excludes remove every combination that has all of an exclude's values.
 *   <li>Under {@link Strategy.Combinations#PAIRWISE}, a subset of what is left that still contains
 *       every pair of values any remaining combination contains (see {@link PairwiseCover}).
 *   <li>Includes extend or add combinations (see {@link IncludeRules}).
 *   <li>Combinations with the same values are collapsed, the first kept.
 * </ol>
 *
 * <p>Products above 200,000 combinations are refused.
 */
@API(status = INTERNAL, since = "0.1")
public final class MatrixExpander {

  /**
   * Expands {@code matrix}; the same matrix always gives the same variants in the same order.
   *
   * @throws MatrixDefinitionException when an include or exclude names nothing (see {@link
   *     MatrixValidator}) or the product is too large
   */
  public Expansion expand(MatrixDefinition matrix) {
    MatrixValidator.validate(matrix);
    ProductSpace space = ProductSpace.of(matrix);
    List<int[]> rows = space.rowsWithoutExcludes();
    int uncoverable = 0;
    if (matrix.strategy().combinations() == Strategy.Combinations.PAIRWISE) {
      PairwiseCover cover = PairwiseCover.of(space.sizes(), rows);
      rows = cover.rows();
      uncoverable = cover.uncoverablePairs();
    }
    List<Map<String, String>> originals = rows.stream().map(space::values).toList();
    Set<String> axisNames = matrix.axes().stream().map(Axis::name).collect(Collectors.toSet());
    List<Map<String, String>> combinations =
        IncludeRules.apply(axisNames, originals, matrix.includes());

    Set<Map<String, String>> seen = new HashSet<>();
    List<VariantDefinition> variants = new ArrayList<>();
    for (Map<String, String> values : combinations) {
      if (seen.add(new LinkedHashMap<>(values))) {
        variants.add(VariantDefinition.of(matrix, values));
      }
    }
    return new Expansion(variants, space.fullSize(), matrix.strategy().combinations(), uncoverable);
  }
}
