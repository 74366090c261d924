package dev.containermatrix.engine.expand;

import static dev.containermatrix.engine.expand.Matrices.axis;
import static dev.containermatrix.engine.expand.Matrices.matrix;
import static dev.containermatrix.engine.expand.Matrices.selector;
import static dev.containermatrix.engine.expand.Matrices.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.ResourceProfile;
import dev.containermatrix.engine.matrix.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MatrixExpanderTest {
  private final MatrixExpander expander = new MatrixExpander();

  private List<Map<String, String>> expand(MatrixDefinition matrix) {
    return expander.expand(matrix).variants().stream().map(VariantDefinition::values).toList();
  }

  @Test
  void githubExampleIncludesExtendOrAddCombinations() {
    MatrixDefinition matrix =
        matrix(
            List.of(axis("fruit", "apple", "pear"), axis("animal", "cat", "dog")),
            List.of(),
            List.of(
                selector("color=green"),
                selector("color=pink", "animal=cat"),
                selector("fruit=apple", "shape=circle"),
                selector("fruit=banana"),
                selector("fruit=banana", "animal=cat")));

    assertThat(expand(matrix))
        .containsExactly(
            values("fruit=apple", "animal=cat", "color=pink", "shape=circle"),
            values("fruit=apple", "animal=dog", "color=green", "shape=circle"),
            values("fruit=pear", "animal=cat", "color=pink"),
            values("fruit=pear", "animal=dog", "color=green"),
            values("fruit=banana"),
            values("fruit=banana", "animal=cat"));
  }

  @Test
  void githubExampleExcludesMatchPartially() {
    MatrixDefinition matrix =
        matrix(
            List.of(
                axis("os", "macos", "windows"),
                axis("version", "12", "14", "16"),
                axis("environment", "staging", "production")),
            List.of(
                selector("os=macos", "version=12", "environment=production"),
                selector("os=windows", "version=16")),
            List.of());

    Expansion expansion = expander.expand(matrix);

    assertThat(expansion.fullProductSize()).isEqualTo(12);
    assertThat(expansion.variants())
        .extracting(VariantDefinition::values)
        .containsExactly(
            values("os=macos", "version=12", "environment=staging"),
            values("os=macos", "version=14", "environment=staging"),
            values("os=macos", "version=14", "environment=production"),
            values("os=macos", "version=16", "environment=staging"),
            values("os=macos", "version=16", "environment=production"),
            values("os=windows", "version=12", "environment=staging"),
            values("os=windows", "version=12", "environment=production"),
            values("os=windows", "version=14", "environment=staging"),
            values("os=windows", "version=14", "environment=production"));
  }

  @Test
  void githubExampleIncludeAddsExtraValueToTheOneCombinationItMatches() {
    MatrixDefinition matrix =
        matrix(
            List.of(axis("os", "windows", "ubuntu"), axis("node", "14", "16")),
            List.of(),
            List.of(selector("os=windows", "node=16", "npm=6")));

    assertThat(expand(matrix))
        .containsExactly(
            values("os=windows", "node=14"),
            values("os=windows", "node=16", "npm=6"),
            values("os=ubuntu", "node=14"),
            values("os=ubuntu", "node=16"));
  }

  @Test
  void githubExampleIncludeOnlyMatrixHasOneVariantPerInclude() {
    MatrixDefinition matrix =
        matrix(
            List.of(),
            List.of(),
            List.of(
                selector("site=production", "datacenter=site-a"),
                selector("site=staging", "datacenter=site-b")));

    Expansion expansion = expander.expand(matrix);

    assertThat(expansion.fullProductSize()).isZero();
    assertThat(expansion.variants())
        .extracting(VariantDefinition::values)
        .containsExactly(
            values("site=production", "datacenter=site-a"),
            values("site=staging", "datacenter=site-b"));
  }

  @Test
  void matrixWithoutAxesOrIncludesHasNoVariants() {
    assertThat(expand(matrix(List.of(), List.of(), List.of()))).isEmpty();
  }

  @Test
  void includeMayOverwriteValuesOfEarlierIncludesButNotAxisValues() {
    MatrixDefinition matrix =
        matrix(
            List.of(axis("jdk", "17", "25")),
            List.of(),
            List.of(selector("gc=g1"), selector("jdk=25", "gc=zgc"), selector("jdk=21", "gc=zgc")));

    assertThat(expand(matrix))
        .containsExactly(
            values("jdk=17", "gc=g1"), values("jdk=25", "gc=zgc"), values("jdk=21", "gc=zgc"));
  }

  @Test
  void includeThatMatchesAnExcludedCombinationAddsItBack() {
    MatrixDefinition matrix =
        matrix(
            List.of(axis("jdk", "17", "25"), axis("os", "linux", "mac")),
            List.of(selector("jdk=25", "os=mac")),
            List.of(selector("jdk=25", "os=mac")));

    assertThat(expand(matrix))
        .containsExactly(
            values("jdk=17", "os=linux"),
            values("jdk=17", "os=mac"),
            values("jdk=25", "os=linux"),
            values("jdk=25", "os=mac"));
  }

  @Test
  void collapsesVariantsWithTheSameValuesKeepingTheFirst() {
    MatrixDefinition matrix =
        matrix(
            List.of(),
            List.of(),
            List.of(selector("a=1", "b=2"), selector("c=3"), selector("b=2", "a=1")));

    assertThat(expand(matrix)).containsExactly(values("a=1", "b=2"), values("c=3"));
  }

  @Test
  void buildsVariantsThroughVariantDefinitionSoIdsAreStable() {
    MatrixDefinition matrix = matrix(List.of(axis("jdk", "17", "25")), List.of(), List.of());

    List<VariantDefinition> first = expander.expand(matrix).variants();
    List<VariantDefinition> second = expander.expand(matrix).variants();

    assertThat(first)
        .extracting(VariantDefinition::id)
        .containsExactlyElementsOf(second.stream().map(VariantDefinition::id).toList())
        .doesNotHaveDuplicates();
    assertThat(first.get(0)).isEqualTo(VariantDefinition.of(matrix, values("jdk=17")));
  }

  @Test
  void rejectsExcludeNamingAnUnknownAxis() {
    MatrixDefinition matrix =
        matrix(
            List.of(axis("jdk", "17"), axis("tz", "utc")), List.of(selector("os=mac")), List.of());

    assertThatThrownBy(() -> expander.expand(matrix))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "selector os=mac: exclude names axis 'os', which this matrix does not have;"
                + " use one of its axes: jdk, tz");
  }

  @Test
  void rejectsExcludeValueThatNamesNothing() {
    MatrixDefinition matrix =
        matrix(List.of(axis("jdk", "17", "25")), List.of(selector("jdk=21")), List.of());

    assertThatThrownBy(() -> expander.expand(matrix))
        .hasMessage(
            "selector jdk=21: exclude value 'jdk=21' names no value of axis 'jdk'; use one of: 17,"
                + " 25");
  }

  @Test
  void rejectsIncludeOfAResourceProfileThatDoesNotExist() {
    Origin origin = new Origin("r");
    ResourceProfile small =
        ResourceProfile.of(
            "small",
            Optional.of(1.0),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            origin);
    MatrixDefinition matrix =
        matrix(
            List.of(new Axis.Resource(List.of(small), origin)),
            List.of(),
            List.of(selector("resources=huge")));

    assertThatThrownBy(() -> expander.expand(matrix))
        .hasMessage(
            "selector resources=huge: include value 'resources=huge' names no value of axis"
                + " 'resources'; use one of: small (an include cannot invent resources profiles)");
  }

  @Test
  void rejectsIncludeOfAConfigProfileThatDoesNotExist() {
    Origin origin = new Origin("c");
    ConfigProfile utc = new ConfigProfile("utc", Map.of("TZ", "UTC"), Map.of(), List.of(), origin);
    MatrixDefinition matrix =
        matrix(
            List.of(new Axis.Config("tz", List.of(utc), origin)),
            List.of(),
            List.of(selector("tz=mars")));

    assertThatThrownBy(() -> expander.expand(matrix))
        .hasMessage(
            "selector tz=mars: include value 'tz=mars' names no value of axis 'tz';"
                + " use one of: utc (an include cannot invent tz profiles)");
  }

  @Test
  void rejectsIncludeOfAMalformedBaseImage() {
    MatrixDefinition matrix =
        matrix(
            List.of(new Axis.Base(List.of("host"), new Origin("b"))),
            List.of(),
            List.of(selector("base=ubuntu")));

    assertThatThrownBy(() -> expander.expand(matrix))
        .hasMessageStartingWith(
            "selector base=ubuntu: image reference 'ubuntu' is not one of host,");
  }

  @Test
  void includeMayBringANewJdkAndExtraKeys() {
    MatrixDefinition matrix =
        matrix(
            List.of(new Axis.Jdk(List.of("17"), new Origin("j"))),
            List.of(),
            List.of(selector("jdk=25", "flavour=loom")));

    List<VariantDefinition> variants = expander.expand(matrix).variants();

    assertThat(variants)
        .extracting(VariantDefinition::values)
        .containsExactly(values("jdk=17"), values("jdk=25", "flavour=loom"));
    assertThat(variants.get(1).jdk()).contains("25");
  }

  @Test
  void refusesProductsAbove200000CombinationsNamingTheSource() {
    String[] sixty = IntStream.range(0, 60).mapToObj(i -> "v" + i).toArray(String[]::new);
    MatrixDefinition matrix =
        matrix(
            List.of(axis("a", sixty), axis("b", sixty), axis("c", sixty)),
            List.of(),
            List.of(),
            Strategy.Combinations.PAIRWISE);

    assertThatThrownBy(() -> expander.expand(matrix))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "test matrix: the axes multiply to 216000 combinations, more than the 200000 that can"
                + " be expanded; remove values or split the matrix into several classes");
  }

  @Test
  void fullProductSizeCountsCombinationsBeforeExcludes() {
    List<Axis> axes = List.of(axis("a", "1", "2"), axis("b", "1", "2", "3"));
    Expansion expansion = expander.expand(matrix(axes, List.of(selector("a=1")), List.of()));

    assertThat(expansion.fullProductSize()).isEqualTo(6);
    assertThat(expansion.variants()).hasSize(3);
    assertThat(expansion.combinations()).isEqualTo(Strategy.Combinations.ALL);
    assertThat(expansion.uncoverablePairs()).isZero();
  }
}
