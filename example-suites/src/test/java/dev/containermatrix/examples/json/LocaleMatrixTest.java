package dev.containermatrix.examples.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.Variant;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A matrix read from a YAML file: three locales on two JDKs, with an expected value per locale. */
@ContainerMatrix("matrix/locales.yaml")
class LocaleMatrixTest {

  @Test
  void runsInTheLocaleOfItsVariant(Variant variant) {
    assertThat(Locale.getDefault().getLanguage()).isEqualTo(variant.value("locale"));
  }

  @Test
  void formatsDecimalsAsTheLocaleExpects(Variant variant) {
    char separator = DecimalFormatSymbols.getInstance().getDecimalSeparator();
    assertThat(String.valueOf(separator)).isEqualTo(variant.value("decimal"));
  }

  @Test
  void runsOnTheJdkOfItsVariant(Variant variant) {
    assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(variant.value("jdk")));
  }
}
