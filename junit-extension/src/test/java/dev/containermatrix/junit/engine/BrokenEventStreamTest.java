package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.engine.fixtures.HugeFailureFixture;
import dev.containermatrix.junit.engine.fixtures.LyingAgentFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The event stream cannot turn a failure into a pass: a failure too large for one line still
 * arrives, cut, as a failed test; a stream with an over-long line, a line that is no event, or a
 * {@code bye} whose tally differs from what was relayed makes the variant {@code INFRA_ERROR}, in
 * the JUnit tree and in report.json. Real agent JVMs on the process backend; the lies come from
 * {@code LyingAgent}, started through the fake JDK {@link LyingJdk}.
 */
class BrokenEventStreamTest {
  @TempDir Path reports;

  private EngineExecutionResults run(Class<?> fixture) {
    return EngineRuns.engine(reports, "process").selectors(selectClass(fixture)).execute();
  }

  @Test
  void aFailureMessageOfTwentyMillionCharactersArrivesCutAndTheTestFails() throws Exception {
    EngineExecutionResults results = run(HugeFailureFixture.class);

    results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
    Throwable failure =
        results.testEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getRequiredPayload(TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessage("[size=huge] " + "x".repeat(65_536) + "… [truncated 19,934,464 characters]");
    JsonNode variant = variants().get("size=huge");
    assertThat(variant.get("status").asText()).isEqualTo("FAILED");
    assertThat(variant.get("tests").get("failed").asInt()).isEqualTo(1);
    assertThat(variant.get("failures").get(0).get("message").asText())
        .as("report.json keeps the start of the message")
        .isEqualTo("x".repeat(1000) + " […]");
  }

  @Test
  void anOverLongLineAGarbageLineAndATallyThatDisagreesEachMakeTheVariantAnInfraError()
      throws Exception {
    LyingJdk.install();

    EngineExecutionResults results = run(LyingAgentFixture.class);

    Map<String, JsonNode> variants = variants();
    assertThat(variants).containsOnlyKeys("lie=overlong", "lie=garbage", "lie=tally");
    assertThat(variants.values())
        .allSatisfy(v -> assertThat(v.get("status").asText()).isEqualTo("INFRA_ERROR"));
    assertThat(variants.get("lie=overlong").get("reason").asText())
        .isEqualTo(
            "the agent's event stream broke: line 2"
                + " is over 4 MiB (4,194,304 bytes): it has 5,242,880 bytes: \""
                + "x".repeat(200)
                + "…\"; its output is in "
                + outputOf(variants.get("lie=overlong")));
    assertThat(variants.get("lie=garbage").get("reason").asText())
        .isEqualTo(
            "the agent's event stream broke: line 2 is no valid event (not JSON: Unrecognized token"
                + " 'this': was expecting (JSON String, Number, Array, Object or token 'null',"
                + " 'true' or 'false')): \"this is no event\"; its output is in "
                + outputOf(variants.get("lie=garbage")));
    assertThat(variants.get("lie=tally").get("reason").asText())
        .isEqualTo(
            "the agent's event stream broke: the agent counted 1 tests: 1 passed, 1 failed, 0"
                + " aborted, 0 skipped, 0 containers failed, but what was relayed counts 1 tests: 1"
                + " passed, 0 failed, 0 aborted, 0 skipped, 0 containers failed; its output is in "
                + outputOf(variants.get("lie=tally")));
    for (String name : variants.keySet()) {
      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  finishedWithFailure(
                      instanceOf(VariantFailedException.class),
                      message(
                          "variant "
                              + variants.get(name).get("name").asText()
                              + ": "
                              + variants.get(name).get("reason").asText()))));
    }
  }

  private String outputOf(JsonNode variant) {
    return reports.resolve(variant.get("logs").asText()).toString();
  }

  private Map<String, JsonNode> variants() throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode variant : EngineRuns.report(reports).get("variants")) {
      byName.put(
          variant.get("values").has("lie")
              ? "lie=" + variant.get("values").get("lie").asText()
              : variant.get("name").asText(),
          variant);
    }
    return byName;
  }
}
