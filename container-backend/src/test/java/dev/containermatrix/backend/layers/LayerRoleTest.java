package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerRoleTest {

  @Test
  void eachRoleIsWrittenAsTheLowercaseHyphenatedWordsReportsAndRecordsHaveAlwaysUsed() {
    assertThat(Arrays.stream(LayerRole.values()).map(LayerRole::label))
        .containsExactly(
            "base",
            "jdk",
            "shared-jars",
            "class-data",
            "variant-jars",
            "classes",
            "config",
            "export-base");
    assertThat(LayerRole.SHARED_JARS).hasToString("shared-jars");
  }

  @Test
  void jsonHoldsTheLabelAndReadsBackToTheSameRole() throws Exception {
    ObjectMapper mapper = new ObjectMapper();

    String json = mapper.writeValueAsString(List.of(LayerRole.CLASS_DATA, LayerRole.EXPORT_BASE));

    assertThat(json).isEqualTo("[\"class-data\",\"export-base\"]");
    assertThat(mapper.readValue("\"variant-jars\"", LayerRole.class))
        .isEqualTo(LayerRole.VARIANT_JARS);
  }

  @Test
  void anUnknownLabelIsRefusedNamingItAndTheKnownRoles() {
    assertThatThrownBy(() -> LayerRole.parse("SHARED_JARS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a layer role: \"SHARED_JARS\"; expected one of base, jdk, shared-jars, class-data,"
                + " variant-jars, classes, config, export-base");
  }
}
