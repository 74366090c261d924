package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.junit.engine.fixtures.suite.SuiteFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * A suite matrix's run is archived like a class matrix's, and a replay runs the same suite in the
 * archived variants: the same tests of every engine, under the same unique ids.
 */
class SuiteReplayTest {
  @TempDir Path work;

  @BeforeEach
  void requireRoot() {
    HostRequirements.require(
        NativeTestSupport.isRoot(),
        "archive and replay run variants on the native backend, as root");
  }

  @Test
  void aReplayOfASuiteRunsItsTestsOfEveryEngineUnderTheSameIds() throws Exception {
    Path archive = work.resolve("archive");
    EngineExecutionResults original = run(archive, work.resolve("first"), Map.of());
    original.testEvents().assertStatistics(s -> s.succeeded(10));
    String runId = EngineRuns.report(work.resolve("first")).get("runId").asText();

    EngineExecutionResults replay =
        run(
            archive,
            work.resolve("replay"),
            Map.of("containermatrix.replay", runId, "containermatrix.archive", "off"));

    replay.testEvents().assertStatistics(s -> s.succeeded(10).failed(0));
    assertThat(testIds(replay)).isEqualTo(testIds(original));
    JsonNode report = EngineRuns.report(work.resolve("replay"));
    assertThat(report.get("replayOf").asText()).contains(runId);
    assertThat(report.get("variants")).allSatisfy(v -> assertThat(v.get("classes")).hasSize(3));
  }

  private static List<String> testIds(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(d -> d.getUniqueId().toString())
        .sorted()
        .toList();
  }

  private static EngineExecutionResults run(
      Path archive, Path reports, Map<String, String> parameters) {
    return EngineRuns.archiving(archive, reports, parameters, SuiteFixture.class);
  }
}
