package dev.containermatrix.junit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.plan.VariantEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantVariablesTest {

  @Test
  void theAgentReadsBackWhatTheHostWritesInTheVariantsOrder() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("jdk", "17");
    values.put("tz", "Asia/Kolkata");
    values.put("odd & = key", "a=b&c %");
    Map<String, String> env =
        new VariantEnvironment("abc123", "jdk=17, tz=kolkata", values).toEnvironment();

    VariantVariables read = VariantVariables.read(env).orElseThrow();

    assertThat(read.id()).isEqualTo("abc123");
    assertThat(read.name()).isEqualTo("jdk=17, tz=kolkata");
    assertThat(read.values())
        .containsExactly(
            Map.entry("jdk", "17"),
            Map.entry("tz", "Asia/Kolkata"),
            Map.entry("odd & = key", "a=b&c %"));
  }

  @Test
  void aProcessWithoutTheVariablesIsNoVariant() {
    assertThat(VariantVariables.read(Map.of("PATH", "/bin"))).isEmpty();
  }

  @Test
  void aHandWrittenValuesVariableWithoutEqualsSignIsRefusedSayingWhoSetsIt() {
    assertThatThrownBy(
            () ->
                VariantVariables.read(
                    Map.of(VariantVariables.ID, "x", VariantVariables.VALUES, "jdk")))
        .hasMessageContaining("CONTAINERMATRIX_VARIANT_VALUES")
        .hasMessageContaining("\"jdk\" is not name=value");
  }
}
