package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.report;
import static dev.containermatrix.junit.engine.EngineRuns.variantNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.engine.fixtures.AllowedFailureFixture;
import dev.containermatrix.junit.engine.fixtures.AllowedFailureYamlFixture;
import dev.containermatrix.junit.engine.fixtures.AllowedToTimeOutFixture;
import dev.containermatrix.junit.engine.fixtures.DiesOnceFixture;
import dev.containermatrix.junit.engine.fixtures.DiesOnceThenFlakyFixture;
import dev.containermatrix.junit.engine.fixtures.FlakyFixture;
import dev.containermatrix.junit.engine.fixtures.FlakyNestedFixture;
import dev.containermatrix.junit.engine.fixtures.suite.FlakySuiteFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** allowFailures and containermatrix.retries, on the process backend. */
class RetriesAndAllowedFailuresTest {
  private static final String WOBBLY =
      "dev.containermatrix.junit.engine.fixtures.suite.flaky.WobblyCheck";

  @TempDir Path reports;

  @BeforeEach
  void forgetEarlierRuns() throws IOException {
    if (Files.exists(FlakyFixture.RUNS)) {
      try (Stream<Path> files = Files.walk(FlakyFixture.RUNS)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private EngineExecutionResults run(Map<String, String> parameters, Class<?> fixture) {
    return EngineRuns.engine(reports, "process")
        .configurationParameters(parameters)
        .selectors(selectClass(fixture))
        .execute();
  }

  private JsonNode variant(String name) throws IOException {
    for (JsonNode v : report(reports).get("variants")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("report.json has no variant " + name);
  }

  @Test
  void anAllowedVariantsFailureIsAbortedWithTheOriginalAsCauseAndOtherVariantsAreUnaffected()
      throws IOException {
    EngineExecutionResults results = run(Map.of(), AllowedFailureFixture.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(3).failed(0).aborted(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("expectsUtc"),
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(
                        "[tz=kolkata] zone of the variant ==> expected: <utc> but was: <kolkata>"),
                    cause(instanceOf(AssertionFailedError.class)))));
    results.containerEvents().assertStatistics(s -> s.failed(0).aborted(0));

    JsonNode kolkata = variant("tz=kolkata");
    assertThat(kolkata.get("status").asText()).isEqualTo("FAILED_ALLOWED");
    assertThat(kolkata.get("reason").asText())
        .isEqualTo(
            "1 test(s) failed; allowed to fail: it matches allowFailures entry 'tz=kolkata'");
    assertThat(kolkata.get("tests").get("failed").asInt()).isEqualTo(1);
    assertThat(kolkata.get("failures")).hasSize(1);
    assertThat(variant("tz=utc").get("status").asText()).isEqualTo("PASSED");
  }

  @Test
  void aYamlMatrixAllowsFailuresThroughItsStrategy() throws IOException {
    EngineExecutionResults results = run(Map.of(), AllowedFailureYamlFixture.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(0).aborted(1));
    assertThat(variant("tz=kolkata").get("reason").asText())
        .isEqualTo(
            "1 test(s) failed; allowed to fail: it matches allowFailures entry 'tz=kolkata'");
    assertThat(variant("tz=utc").get("status").asText()).isEqualTo("PASSED");
  }

  @Test
  void anAllowedVariantsInfrastructureErrorIsAllowedTooAndTheVariantNodeIsAborted()
      throws IOException {
    EngineExecutionResults results = run(Map.of(), AllowedToTimeOutFixture.class);

    results.containerEvents().assertStatistics(s -> s.failed(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                variantNode(),
                abortedWithReason(
                    message(
                        m ->
                            m.startsWith("variant mode=sleepy timed out after 3s")
                                && m.endsWith(
                                    "(allowed to fail: it matches allowFailures entry"
                                        + " 'mode=sleepy')")),
                    cause(instanceOf(VariantFailedException.class)))));
    JsonNode sleepy = variant("mode=sleepy");
    assertThat(sleepy.get("status").asText()).isEqualTo("FAILED_ALLOWED");
    assertThat(sleepy.get("reason").asText())
        .startsWith("timed out after 3s")
        .endsWith("allowed to fail: it matches allowFailures entry 'mode=sleepy'");
  }

  @Test
  void withRetriesATestThatFailsThenPassesIsFlakyAndPassesOnceInTheTree() throws IOException {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries", "2"), FlakyFixture.class);

    // every test starts and finishes once in the tree, with its final outcome
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("failsOnce"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test("alwaysFails"), finishedWithFailure(message("[mode=flaky] fails on run 3"))));
    List<String> flakyEntries =
        results.testEvents().reportingEntryPublished().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("flaky"))
            .filter(v -> v != null)
            .toList();
    assertThat(flakyEntries)
        .containsExactly("failed on attempt 1 (first run fails), passed on attempt 2");
    Throwable last =
        results.testEvents().failed().stream()
            .findFirst()
            .flatMap(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable())
            .orElseThrow();
    assertThat(last.getSuppressed())
        .extracting(Throwable::getMessage)
        .containsExactly("[mode=flaky] fails on run 1", "[mode=flaky] fails on run 2");

    JsonNode flaky = variant("mode=flaky");
    assertThat(flaky.get("status").asText()).isEqualTo("FAILED");
    assertThat(flaky.get("attempts").asInt()).isEqualTo(3);
    assertThat(flaky.get("tests").get("passed").asInt()).isEqualTo(2);
    assertThat(flaky.get("tests").get("failed").asInt()).isEqualTo(1);
    assertThat(flaky.get("flaky")).hasSize(1);
    assertThat(flaky.get("flaky").get(0).get("test").asText())
        .isEqualTo(FlakyFixture.class.getName() + "#failsOnce()");
    assertThat(flaky.get("flaky").get(0).get("attempts").asInt()).isEqualTo(2);
    assertThat(flaky.get("flaky").get(0).get("message").asText()).isEqualTo("first run fails");
    assertThat(flaky.get("failures")).hasSize(1);
    assertThat(flaky.get("failures").get(0).get("message").asText())
        .as("failures[] keeps the last attempt's message")
        .isEqualTo("fails on run 3");
    assertThat(flaky.get("failures").get(0).get("logs").asText())
        .as("and names the log directory of the attempt it came from")
        .isEqualTo(flaky.get("logs").asText() + "/attempt-3");
  }

  @Test
  void nestedParameterizedAndDynamicTestsAreRetriedAndEveryContainerFinishesAfterItsChildren()
      throws IOException {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries", "1"), FlakyNestedFixture.class);

    results.testEvents().assertStatistics(s -> s.started(6).succeeded(6).failed(0));
    assertThat(variant("mode=nested").get("flaky")).hasSize(3);
    assertThat(variant("mode=nested").get("attempts").asInt()).isEqualTo(2);
    List<Event> events = results.allEvents().list();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.getType() != EventType.FINISHED) {
        continue;
      }
      for (Event later : events.subList(i + 1, events.size())) {
        assertThat(
                later.getType() == EventType.FINISHED
                    && e.getTestDescriptor().getDescendants().contains(later.getTestDescriptor()))
            .as("%s finished after its container %s", later, e)
            .isFalse();
      }
    }
  }

  @Test
  void aSuiteMatrixRetriesItsFailedTestWithTheSuitesConfiguration() throws IOException {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries", "1"), FlakySuiteFixture.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    JsonNode variant = variant("mode=flaky-suite");
    assertThat(variant.get("flaky").get(0).get("test").asText()).isEqualTo(WOBBLY + "#wobbles()");
    assertThat(variant.get("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void withoutRetriesFailuresAreReportedAsTheyHappenAndTheReportHasNoRetryFields()
      throws IOException {
    EngineExecutionResults results = run(Map.of(), FlakyFixture.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
    JsonNode flaky = variant("mode=flaky");
    assertThat(flaky.has("attempts")).isFalse();
    assertThat(flaky.has("flaky")).isFalse();
    assertThat(flaky.has("runningTest")).isFalse();
  }

  @Test
  void aJvmThatDiesBeforeReportingAnythingRunsAgainInAFreshContainerByDefault() throws IOException {
    Files.deleteIfExists(DiesOnceFixture.MARK);

    EngineExecutionResults results = run(Map.of(), DiesOnceFixture.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    results.containerEvents().assertStatistics(s -> s.failed(0));
    JsonNode variant = variant("mode=dies-once");
    assertThat(variant.get("status").asText()).isEqualTo("PASSED");
    assertThat(variant.get("attempts").asInt()).isEqualTo(2);
    assertThat(variant.get("reason").asText())
        .isEqualTo(
            "it ran in a fresh container after container 1 exited with status 3 before"
                + " any test started (containermatrix.retries.infra)");
  }

  @Test
  void attemptsAreNumberedByContainerWhenAnInfrastructureRetryCameFirst() throws IOException {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries", "1"), DiesOnceThenFlakyFixture.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    List<String> flakyEntries =
        results.testEvents().reportingEntryPublished().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("flaky"))
            .filter(v -> v != null)
            .toList();
    assertThat(flakyEntries)
        .containsExactly(
            "failed on attempt 2 (first run of dies-then-flaky fails), passed on attempt 3");
    JsonNode variant = variant("mode=dies-then-flaky");
    assertThat(variant.get("attempts").asInt()).isEqualTo(3);
    assertThat(variant.get("flaky").get(0).get("attempts").asInt()).isEqualTo(3);
  }

  @Test
  void withoutInfraRetriesAJvmThatDiesBeforeReportingIsAnInfraError() throws IOException {
    Files.deleteIfExists(DiesOnceFixture.MARK);

    EngineExecutionResults results =
        run(Map.of("containermatrix.retries.infra", "0"), DiesOnceFixture.class);

    results.containerEvents().assertStatistics(s -> s.failed(1));
    JsonNode variant = variant("mode=dies-once");
    assertThat(variant.get("status").asText()).isEqualTo("INFRA_ERROR");
    assertThat(variant.has("attempts")).isFalse();
  }

  @Test
  void aNegativeRetryCountFailsTheClassNamingTheKey() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries", "-1"), FlakyFixture.class);

    EngineRuns.assertClassFailedAndNothingStarted(
        results,
        FlakyFixture.class,
        message(
            "Configuration parameter containermatrix.retries='-1' is not a whole number from 0 to"
                + " 9999; set it to how often failed tests run again, e.g. 2 (0 turns it off)"));
  }

  @Test
  void aRetryCountThatIsNoNumberFailsTheClassNamingTheKey() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.retries.infra", "once"), FlakyFixture.class);

    EngineRuns.assertClassFailedAndNothingStarted(
        results,
        FlakyFixture.class,
        message(m -> m.startsWith("Configuration parameter containermatrix.retries.infra='once'")));
  }
}
