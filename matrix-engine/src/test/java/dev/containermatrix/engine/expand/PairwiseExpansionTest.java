package dev.containermatrix.engine.expand;

import static dev.containermatrix.engine.expand.Matrices.axis;
import static dev.containermatrix.engine.expand.Matrices.matrix;
import static dev.containermatrix.engine.expand.Matrices.selector;
import static dev.containermatrix.engine.expand.Matrices.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.matrix.ValueSelector;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairwiseExpansionTest {
  private final MatrixExpander expander = new MatrixExpander();

  private static final List<Axis> FOUR_BY_THREE =
      List.of(
          axis("a", "a1", "a2", "a3"), axis("b", "b1", "b2", "b3"),
          axis("c", "c1", "c2", "c3"), axis("d", "d1", "d2", "d3"));

  /** Every "x=1|y=2" pair of two axes that some row of {@code rows} contains. */
  private static Set<String> pairsOf(List<Axis> axes, List<Map<String, String>> rows) {
    Set<String> pairs = new HashSet<>();
    for (Map<String, String> row : rows) {
      for (int i = 0; i < axes.size(); i++) {
        for (int j = i + 1; j < axes.size(); j++) {
          String x = axes.get(i).name();
          String y = axes.get(j).name();
          pairs.add(x + "=" + row.get(x) + "|" + y + "=" + row.get(y));
        }
      }
    }
    return pairs;
  }

  private List<Map<String, String>> variants(MatrixDefinition matrix) {
    return expander.expand(matrix).variants().stream().map(VariantDefinition::values).toList();
  }

  @Test
  void coversEveryPairOfFourAxesOfThreeValuesWithAtMostFifteenRows() {
    MatrixDefinition all = matrix(FOUR_BY_THREE, List.of(), List.of(), Strategy.Combinations.ALL);
    MatrixDefinition pairwise =
        matrix(FOUR_BY_THREE, List.of(), List.of(), Strategy.Combinations.PAIRWISE);

    List<Map<String, String>> full = variants(all);
    Expansion expansion = expander.expand(pairwise);
    List<Map<String, String>> chosen =
        expansion.variants().stream().map(VariantDefinition::values).toList();

    assertThat(full).hasSize(81);
    assertThat(chosen).hasSizeLessThanOrEqualTo(15);
    assertThat(pairsOf(FOUR_BY_THREE, chosen)).hasSize(54).isEqualTo(pairsOf(FOUR_BY_THREE, full));
    assertThat(full).containsAll(chosen);
    assertThat(expansion.fullProductSize()).isEqualTo(81);
    assertThat(expansion.combinations()).isEqualTo(Strategy.Combinations.PAIRWISE);
    assertThat(expansion.uncoverablePairs()).isZero();
  }

  @Test
  void choosesTheSameRowsInProductOrderEveryTime() {
    MatrixDefinition pairwise =
        matrix(FOUR_BY_THREE, List.of(), List.of(), Strategy.Combinations.PAIRWISE);

    List<Map<String, String>> first = variants(pairwise);
    List<Map<String, String>> second =
        variants(matrix(FOUR_BY_THREE, List.of(), List.of(), Strategy.Combinations.PAIRWISE));

    assertThat(first).isEqualTo(second);
    List<Map<String, String>> full =
        variants(matrix(FOUR_BY_THREE, List.of(), List.of(), Strategy.Combinations.ALL));
    assertThat(first)
        .isSortedAccordingTo((x, y) -> Integer.compare(full.indexOf(x), full.indexOf(y)));
  }

  @Test
  void coversEveryPairThatSurvivesExcludesAndCountsTheOthers() {
    List<ValueSelector> excludes =
        List.of(selector("a=a1", "b=b1"), selector("c=c3"), selector("a=a2", "d=d2"));
    MatrixDefinition all = matrix(FOUR_BY_THREE, excludes, List.of(), Strategy.Combinations.ALL);
    MatrixDefinition pairwise =
        matrix(FOUR_BY_THREE, excludes, List.of(), Strategy.Combinations.PAIRWISE);

    List<Map<String, String>> remaining = variants(all);
    Expansion expansion = expander.expand(pairwise);
    List<Map<String, String>> chosen =
        expansion.variants().stream().map(VariantDefinition::values).toList();

    assertThat(remaining).containsAll(chosen);
    Set<String> coverable = pairsOf(FOUR_BY_THREE, remaining);
    assertThat(pairsOf(FOUR_BY_THREE, chosen)).isEqualTo(coverable);
    // a1|b1 and a2|d2 are only in excluded rows, and c3 pairs with 3 values on each of 3 other axes
    assertThat(expansion.uncoverablePairs()).isEqualTo(54 - coverable.size()).isEqualTo(11);
  }

  @Test
  void appliesIncludesToTheChosenRows() {
    List<Axis> axes = List.of(axis("a", "a1", "a2"), axis("b", "b1", "b2"), axis("c", "c1", "c2"));
    MatrixDefinition pairwise =
        matrix(
            axes,
            List.of(),
            List.of(selector("a=a1", "x=1"), selector("a=a3", "b=b1")),
            Strategy.Combinations.PAIRWISE);

    List<Map<String, String>> chosen = variants(pairwise);

    assertThat(chosen).last().isEqualTo(values("a=a3", "b=b1"));
    assertThat(chosen.subList(0, chosen.size() - 1))
        .allSatisfy(v -> assertThat(v.containsKey("x")).isEqualTo(v.get("a").equals("a1")))
        .hasSizeLessThan(8);
  }

  @Test
  void keepsEveryValueOfASingleAxis() {
    MatrixDefinition pairwise =
        matrix(
            List.of(axis("jdk", "17", "21", "25")),
            List.of(),
            List.of(),
            Strategy.Combinations.PAIRWISE);

    assertThat(variants(pairwise))
        .containsExactly(values("jdk=17"), values("jdk=21"), values("jdk=25"));
  }
}
