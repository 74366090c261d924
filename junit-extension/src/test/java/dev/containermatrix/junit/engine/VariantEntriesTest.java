package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

class VariantEntriesTest {
  private final List<Map<String, String>> published = new ArrayList<>();
  private final EngineExecutionListener listener =
      new EngineExecutionListener() {
        @Override
        public void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
          published.add(entry.getKeyValuePairs());
        }
      };

  @Test
  void theValuesAreOneEntryInTheirOrderWithABlankValueWrittenAsTwoQuotes() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("jdk", "25");
    values.put("tz", " ");

    VariantEntries.publishValues(listener, node(TestDescriptor.Type.CONTAINER), values);

    assertThat(published).containsExactly(Map.of("jdk", "25", "tz", "\"\""));
    assertThat(published.get(0).keySet()).containsExactly("jdk", "tz");
  }

  @Test
  void aVariantWithoutValuesPublishesNothing() {
    VariantEntries.publishValues(listener, node(TestDescriptor.Type.CONTAINER), Map.of());

    assertThat(published).isEmpty();
  }

  @Test
  void withoutAllureOnTheClasspathATestGetsNoParameterEntries() {
    assertThat(VariantEntries.allurePresent()).isFalse();

    VariantEntries.testStarted(listener, node(TestDescriptor.Type.TEST), Map.of("jdk", "25"));

    assertThat(published).isEmpty();
  }

  private static TestDescriptor node(TestDescriptor.Type type) {
    return new AbstractTestDescriptor(UniqueId.forEngine("e").append("n", "1"), "n") {
      @Override
      public Type getType() {
        return type;
      }
    };
  }
}
