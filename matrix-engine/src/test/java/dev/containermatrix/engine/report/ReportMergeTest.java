package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.engine.shard.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMergeTest {
  @TempDir Path dir;

  /** Shard {@code k} of {@code n} of class {@code demo.A}, written by the real writer. */
  private Path shard(int k, int n, Instant startedAt, String... variants) {
    RunReport run = Runs.run("run-" + k, startedAt, "demo.A", "l" + k, true, variants);
    run.shard(new Shard(k, n));
    Path reports = dir.resolve("shard-" + k);
    return new RunReportWriter(Optional.of("build-" + k)).write(run, reports);
  }

  private static List<ReportFiles.Input> read(Path... files) {
    return java.util.Arrays.stream(files).map(ReportFiles::read).toList();
  }

  @Test
  void aShardWritesItsOwnReportFileWithItsShard() throws IOException {
    Path file = shard(2, 3, Instant.parse("2026-01-01T10:00:00Z"), "x");

    assertThat(file.getFileName()).hasToString("report-2-of-3.json");
    assertThat(file.resolveSibling("report.json")).doesNotExist();
    JsonNode tree = ReportJson.MAPPER.readTree(file.toFile());
    assertThat(tree.get("shard").toString()).isEqualTo("{\"index\":2,\"total\":3}");
  }

  @Test
  void theShardsOfARunMergeIntoOneReportWithEveryVariant() {
    Path one = shard(1, 2, Instant.parse("2026-01-01T10:00:05Z"), "a", "b");
    Path two = shard(2, 2, Instant.parse("2026-01-01T10:00:00Z"), "c");

    ObjectNode merged = ReportMerge.merge(read(one, two));

    assertThat(merged.get("runId").asText()).isEqualTo("run-2");
    assertThat(merged.get("startedAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(merged.get("backend").asText()).isEqualTo("process");
    assertThat(merged.has("shard")).isFalse();
    assertThat(merged.has("buildId")).isFalse();
    assertThat(names(merged)).containsExactly("c", "a", "b");
    assertThat(merged.get("mergedFrom")).hasSize(2);
    assertThat(merged.get("mergedFrom").get(0).get("file").asText()).isEqualTo(two.toString());
    assertThat(merged.get("mergedFrom").get(0).get("shard").get("index").asInt()).isEqualTo(2);
    assertThat(merged.get("runs")).hasSize(2);
    assertThat(merged.get("matrices")).hasSize(1);
    assertThat(merged.get("matrices").get(0).get("variants").asInt()).isEqualTo(1);
    assertThat(merged.get("disk").get("layers").asInt()).isEqualTo(2);
  }

  @Test
  void aMissingShardIsAnErrorNamingItsFile() {
    Path one = shard(1, 3, Instant.parse("2026-01-01T10:00:00Z"), "a");
    Path three = shard(3, 3, Instant.parse("2026-01-01T10:00:00Z"), "c");

    assertThatThrownBy(() -> ReportMerge.merge(read(one, three)))
        .isInstanceOf(ReportMergeException.class)
        .hasMessage(
            "the shards of the run are not all here: report-2-of-3.json is missing; pass every"
                + " shard's report (a shard that ran no variant still writes one; check that its"
                + " CI job uploaded it)");
  }

  @Test
  void shardsOfDifferentTotalsDoNotMerge() {
    Path one = shard(1, 2, Instant.parse("2026-01-01T10:00:00Z"), "a");
    Path other = shard(2, 3, Instant.parse("2026-01-01T10:00:01Z"), "c");

    assertThatThrownBy(() -> ReportMerge.merge(read(one, other)))
        .hasMessage(
            one
                + " is a shard of 2 but "
                + other
                + " one of 3; merge the shards of one run (the same containermatrix.shard total)");
  }

  @Test
  void aVariantInTwoReportsWithDifferentResultsIsAnErrorNamingBothFiles() throws IOException {
    Path first = write("first.json", report("r1", "2026-01-01T10:00:00Z", variant("v1", 10)));
    Path second = write("second.json", report("r2", "2026-01-01T10:00:01Z", variant("v1", 20)));

    assertThatThrownBy(() -> ReportMerge.merge(read(first, second)))
        .isInstanceOf(ReportMergeException.class)
        .hasMessageStartingWith(
            "variant v1 of demo.A is in both " + first + " and " + second + ", with different");
  }

  @Test
  void aVariantInTwoReportsWithIdenticalEntriesIsKeptOnce() throws IOException {
    Path first = write("first.json", report("r1", "2026-01-01T10:00:00Z", variant("v1", 10)));
    Path second =
        write(
            "second.json",
            report("r2", "2026-01-01T10:00:01Z", variant("v1", 10) + "," + variant("v2", 5)));

    ObjectNode merged = ReportMerge.merge(read(first, second));

    assertThat(merged.get("variants")).hasSize(2);
  }

  @Test
  void fieldsTheMergeDoesNotKnowAreKept() throws IOException {
    Path first =
        write(
            "first.json",
            report(
                "r1",
                "2026-01-01T10:00:00Z",
                "{\"id\": \"v1\", \"class\": \"demo.A\", \"durationMillis\": 1,"
                    + " \"flaky\": [{\"test\": \"t\", \"attempts\": 2}], \"peakMemoryBytes\": 7}"));
    Path second =
        write(
            "second.json",
            report("r2", "2026-01-01T10:00:01Z", variant("v2", 5))
                .replace("\"backend\": \"process\"", "\"backend\": \"native\""));

    ObjectNode merged = ReportMerge.merge(read(first, second));

    JsonNode v1 = merged.get("variants").get(0);
    assertThat(v1.get("flaky").get(0).get("attempts").asInt()).isEqualTo(2);
    assertThat(v1.get("peakMemoryBytes").asLong()).isEqualTo(7);
    assertThat(merged.get("backend").asText()).isEqualTo("process, native");
    assertThat(merged.get("custom").asText()).isEqualTo("same");
  }

  @Test
  void theMatricesOfTheShardsAddUpPerClass() throws IOException {
    String matrices =
        "\"matrices\": [{\"class\": \"demo.A\", \"variants\": 5, \"variantsRun\": %d}]";
    Path first =
        write(
            "first.json",
            report("r1", "2026-01-01T10:00:00Z", variant("v1", 1))
                .replace("\"matrices\": []", String.format(matrices, 2)));
    Path second =
        write(
            "second.json",
            report("r2", "2026-01-01T10:00:01Z", variant("v2", 1))
                .replace("\"matrices\": []", String.format(matrices, 3)));

    ObjectNode merged = ReportMerge.merge(read(first, second));

    assertThat(merged.get("matrices")).hasSize(1);
    assertThat(merged.get("matrices").get(0).get("variantsRun").asInt()).isEqualTo(5);
  }

  @Test
  void theMergedReportIsWrittenAsReportJsonAndReadsBackAsAReport() {
    Path one = shard(1, 2, Instant.parse("2026-01-01T10:00:05Z"), "a");
    Path two = shard(2, 2, Instant.parse("2026-01-01T10:00:00Z"), "c");

    Path written = ReportMerge.write(ReportMerge.merge(read(one, two)), dir.resolve("merged"));

    assertThat(written).isEqualTo(dir.resolve("merged/report.json"));
    assertThat(names(ReportFiles.read(written).tree())).containsExactly("c", "a");
  }

  @Test
  void aDirectoryIsSearchedForReportsButNotForRunParts() {
    shard(1, 2, Instant.parse("2026-01-01T10:00:05Z"), "a");
    shard(2, 2, Instant.parse("2026-01-01T10:00:00Z"), "c");

    assertThat(ReportFiles.find(List.of(dir)))
        .containsExactly(
            dir.resolve("shard-1/report-1-of-2.json"), dir.resolve("shard-2/report-2-of-2.json"));
  }

  @Test
  void aDirectoryWithoutReportsIsAnErrorSayingWhatToPass() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThatThrownBy(() -> ReportFiles.find(List.of(empty)))
        .isInstanceOf(ReportMergeException.class)
        .hasMessageStartingWith(empty + " holds no report.json or report-<k>-of-<n>.json; pass");
  }

  @Test
  void aFileThatIsNotAReportNamesTheFileAndWhatIsWrong() throws IOException {
    Path file = write("broken.json", "{\"runId\": \"r\", \"startedAt\": \"yesterday\"}");

    assertThatThrownBy(() -> ReportFiles.read(file))
        .isInstanceOf(ReportMergeException.class)
        .hasMessageStartingWith(
            file
                + " is not a report: its startedAt 'yesterday' is not an instant such as"
                + " 2026-01-01T10:00:00Z; pass the report.json");
  }

  @Test
  void nothingToMergeIsAnError() {
    assertThatThrownBy(() -> ReportMerge.merge(List.of()))
        .hasMessage("there are no reports to merge");
  }

  private static List<String> names(JsonNode report) {
    List<String> names = new ArrayList<>();
    report.get("variants").forEach(v -> names.add(v.get("name").asText()));
    return names;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  static String report(String runId, String startedAt, String variants) {
    return """
    {"runId": "%s", "startedAt": "%s", "backend": "process", "custom": "same",
     "host": {"kernel": "Linux"}, "matrices": [], "variants": [%s]}\
    """
        .formatted(runId, startedAt, variants);
  }

  static String variant(String id, long durationMillis) {
    return """
    {"id": "%s", "class": "demo.A", "name": "%s", "durationMillis": %d}\
    """
        .formatted(id, id, durationMillis);
  }
}
