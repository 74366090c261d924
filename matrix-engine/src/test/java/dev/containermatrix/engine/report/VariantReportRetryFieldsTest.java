package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * report.json's flaky, attempts and runningTest: present only when set, and read back as written.
 */
class VariantReportRetryFieldsTest {

  private static VariantReport failed() {
    return new VariantReport(
        "3f2a9c0b1d4e",
        "demo.ZoneTest",
        "tz=utc",
        Map.of("tz", "utc"),
        ResourceLimits.none(),
        List.of(),
        VariantStatus.FAILED_ALLOWED,
        Optional.of("1 test(s) failed; allowed to fail: it matches allowFailures entry 'tz=utc'"),
        new VariantReport.TestCounts(2, 1, 0),
        10,
        Optional.empty(),
        List.of());
  }

  @Test
  void anEntryWithoutRetriesOrTimeoutHasNoneOfTheThreeFields() throws Exception {
    JsonNode json = ReportJson.MAPPER.valueToTree(failed().withRetries(List.of(), 1));

    assertThat(json.has("flaky")).isFalse();
    assertThat(json.has("attempts")).isFalse();
    assertThat(json.has("runningTest")).isFalse();
    assertThat(json.get("status").asText()).isEqualTo("FAILED_ALLOWED");
  }

  @Test
  void flakyAttemptsAndRunningTestAreWrittenByTheirContractNames() throws Exception {
    VariantReport entry =
        failed()
            .withRetries(
                List.of(new VariantReport.FlakyTest("demo.ZoneTest#offset()", 2, "boom")), 3)
            .withRunningTest("demo.ZoneTest#hangs()");

    String text = ReportJson.MAPPER.writeValueAsString(entry);
    JsonNode json = ReportJson.MAPPER.readTree(text);

    assertThat(json.get("flaky").get(0).get("test").asText()).isEqualTo("demo.ZoneTest#offset()");
    assertThat(json.get("flaky").get(0).get("attempts").asInt()).isEqualTo(2);
    assertThat(json.get("flaky").get(0).get("message").asText()).isEqualTo("boom");
    assertThat(json.get("attempts").asInt()).isEqualTo(3);
    assertThat(json.get("runningTest").asText()).isEqualTo("demo.ZoneTest#hangs()");
  }

  @Test
  void aFlakyTestPassedOnARetryAndAVariantThatRanUsedAContainer() {
    assertThatThrownBy(() -> new VariantReport.FlakyTest("t", 1, "m"))
        .hasMessage("a flaky test passed on a retry, so on attempt 2 or later, was 1");
    assertThatThrownBy(() -> failed().withRetries(List.of(), 0))
        .hasMessage("a variant that ran used at least 1 container, was 0");
  }
}
