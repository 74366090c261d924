package dev.containermatrix.engine.expand;

import static dev.containermatrix.engine.expand.Matrices.axis;
import static dev.containermatrix.engine.expand.Matrices.matrix;
import static dev.containermatrix.engine.expand.Matrices.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.matrix.MatrixDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariantFilterTest {
  private static final MatrixDefinition MATRIX =
      matrix(
          List.of(axis("jdk", "17", "25"), axis("tz", "utc", "kolkata")),
          List.of(),
          List.of(selector("jdk=25", "gc=zgc")));
  private static final List<VariantDefinition> VARIANTS =
      new MatrixExpander().expand(MATRIX).variants();

  private static List<String> selected(String filter) {
    return VARIANTS.stream()
        .filter(VariantFilter.parse(filter))
        .map(VariantDefinition::displayName)
        .toList();
  }

  @Test
  void commaMeansAnd() {
    assertThat(selected("jdk=25,tz=utc")).containsExactly("jdk=25, tz=utc, gc=zgc");
  }

  @Test
  void oneTermSelectsEveryVariantWithThatValue() {
    assertThat(selected("jdk=25"))
        .containsExactly("jdk=25, tz=utc, gc=zgc", "jdk=25, tz=kolkata, gc=zgc");
  }

  @Test
  void matchesIncludeExtras() {
    assertThat(selected(" gc = zgc , tz=kolkata ")).containsExactly("jdk=25, tz=kolkata, gc=zgc");
  }

  @Test
  void baseMatchesTheDefaultBaseOfAMatrixWithoutBaseAxis() {
    assertThat(selected("base=host")).hasSize(4);
  }

  @Test
  void bareIdSelectsThatVariant() {
    VariantDefinition third = VARIANTS.get(2);

    assertThat(selected(third.id())).containsExactly(third.displayName());
    assertThat(selected(third.id() + ",jdk=25")).containsExactly(third.displayName());
    assertThat(selected(third.id() + ",jdk=17")).isEmpty();
  }

  @Test
  void blankSelectsAll() {
    assertThat(VariantFilter.parse("  ").selectsAll()).isTrue();
    assertThat(selected("")).hasSize(4);
  }

  @Test
  void printsInTheFormItParses() {
    assertThat(VariantFilter.parse("3fa94c01b2de, jdk=25,tz=utc"))
        .hasToString("3fa94c01b2de,jdk=25,tz=utc");
    assertThat(VariantFilter.parse("jdk=25")).hasToString("jdk=25");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "=25", "jdk=", "jdk=25=26", "3FA94C01B2DE", "3fa94c01b2d", ""})
  void rejectsMalformedTermsNamingKeyTermAndForm(String term) {
    assertThatThrownBy(() -> VariantFilter.parse("tz=utc," + term))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "containermatrix.variants: term '"
                + term
                + "' of 'tz=utc,"
                + term
                + "' is malformed; write axis=value terms joined by ',' (like jdk=25,tz=utc) or a"
                + " 12-digit variant id (like 3fa94c01b2de)");
  }

  @Test
  void rejectsTwoValuesForOneKeyBecauseCommaMeansAnd() {
    assertThatThrownBy(() -> VariantFilter.parse("jdk=17,jdk=25"))
        .hasMessage(
            "containermatrix.variants: term 'jdk=25' contradicts an earlier one: ',' means and, so"
                + " no variant has both 'jdk=17' and 'jdk=25'; keep one, or run once for each");
  }

  @Test
  void rejectsTwoVariantIds() {
    assertThatThrownBy(() -> VariantFilter.parse("3fa94c01b2de,000000000000"))
        .hasMessage(
            "containermatrix.variants: term '000000000000' contradicts an earlier one: ',' means"
                + " and, so no variant has both variant ids '3fa94c01b2de' and '000000000000'; keep"
                + " one, or run once for each");
  }
}
