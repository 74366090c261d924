package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.junit.engine.fixtures.FiveLanesFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code containermatrix.shard=k/n}: each shard's JUnit tree holds only its variants, the shards
 * together run each variant exactly once, and each writes {@code report-<k>-of-<n>.json}. The
 * process backend runs the variants.
 */
class ShardEngineTest {
  private static final String SHARD = "containermatrix.shard";

  @TempDir Path reports;

  @Test
  void theShardsOfARunTogetherRunEveryVariantExactlyOnce() throws IOException {
    List<String> all = variantIds(discover(Map.of()));
    assertThat(all).hasSize(5);

    List<String> ran = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      EngineExecutionResults results = run(Map.of(SHARD, k + "/3"));
      results.testEvents().assertStatistics(s -> s.failed(0));
      JsonNode report = read("report-" + k + "-of-3.json");
      assertThat(report.get("shard").get("index").asInt()).isEqualTo(k);
      assertThat(report.get("shard").get("total").asInt()).isEqualTo(3);
      List<String> shardVariants = new ArrayList<>();
      report.get("variants").forEach(v -> shardVariants.add(v.get("id").asText()));
      results
          .testEvents()
          .assertStatistics(s -> s.started(shardVariants.size()).succeeded(shardVariants.size()));
      ran.addAll(shardVariants);
    }

    assertThat(ran).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(reports.resolve("report.json")).doesNotExist();
  }

  @Test
  void aVariantOfAnotherShardIsNotInTheTreeAtAll() {
    List<String> all = variantIds(discover(Map.of()));
    List<String> union = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      List<String> here = variantIds(discover(Map.of(SHARD, k + "/4")));
      assertThat(here).hasSizeLessThanOrEqualTo(2);
      union.addAll(here);
    }

    assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void aShardLeftWithoutVariantsPassesAndStillWritesItsReport() throws IOException {
    // 9 shards for 5 variants: at least 4 shards have none
    int empty = 0;
    for (int k = 1; k <= 9; k++) {
      if (variantIds(discover(Map.of(SHARD, k + "/9"))).isEmpty()) {
        EngineExecutionResults results = run(Map.of(SHARD, k + "/9"));

        results.allEvents().assertStatistics(s -> s.failed(0));
        assertThat(read("report-" + k + "-of-9.json").get("variants")).isEmpty();
        empty++;
      }
    }
    assertThat(empty).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aBadShardFailsTheClassNamingTheKeyAndTheForm() {
    EngineExecutionResults results = run(Map.of(SHARD, "4/3"));

    results.testEvents().assertStatistics(s -> s.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(FiveLanesFixture.class),
                finishedWithFailure(
                    message(
                        "containermatrix.shard=4/3: k must be between 1 and n, as in 2/3 (GitLab:"
                            + " $CI_NODE_INDEX/$CI_NODE_TOTAL; GitHub Actions: ${{ matrix.shard"
                            + " }}/4)"))));
  }

  @Test
  void aTimingsFileThatIsNotAReportFailsTheClassNamingTheKeyAndTheFile() throws IOException {
    Path timings = Files.writeString(reports.resolveSibling(reports.getFileName() + ".json"), "[]");
    try {
      EngineExecutionResults results =
          run(Map.of(SHARD, "1/2", "containermatrix.shard.timings", timings.toString()));

      results.testEvents().assertStatistics(s -> s.started(0));
      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(FiveLanesFixture.class),
                  finishedWithFailure(
                      message(
                          m ->
                              m.startsWith(
                                  "containermatrix.shard.timings="
                                      + timings
                                      + ": it is not a JSON object")))));
    } finally {
      Files.deleteIfExists(timings);
    }
  }

  @Test
  void timingsFromAnEarlierReportSplitTheSameVariantsExactlyOnce() throws IOException {
    run(Map.of()).testEvents().assertStatistics(s -> s.failed(0));
    Path timings = reports.resolve("report.json");
    List<String> all = variantIds(discover(Map.of()));

    List<String> union = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      union.addAll(
          variantIds(
              discover(
                  Map.of(SHARD, k + "/2", "containermatrix.shard.timings", timings.toString()))));
    }

    assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
  }

  private EngineExecutionResults run(Map<String, String> parameters) {
    return EngineRuns.engine(reports, "process")
        .configurationParameters(parameters)
        .selectors(selectClass(FiveLanesFixture.class))
        .execute();
  }

  private TestDescriptor discover(Map<String, String> parameters) {
    return new ContainerMatrixTestEngine()
        .discover(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FiveLanesFixture.class))
                .configurationParameter("containermatrix.report.dir", reports.toString())
                .configurationParameter("containermatrix.backend", "process")
                .configurationParameters(parameters)
                .build(),
            UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID));
  }

  private static List<String> variantIds(TestDescriptor engine) {
    return engine.getDescendants().stream()
        .filter(VariantDescriptor.class::isInstance)
        .map(d -> ((VariantDescriptor) d).plan().variant().id())
        .toList();
  }

  private JsonNode read(String file) throws IOException {
    return new ObjectMapper().readTree(reports.resolve(file).toFile());
  }
}
