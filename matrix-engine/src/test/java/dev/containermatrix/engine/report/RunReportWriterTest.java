package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportWriterTest {
  private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant LATER = Instant.parse("2026-01-01T10:05:00Z");

  @TempDir Path reports;

  private final RunReportWriter build = new RunReportWriter(Optional.of("4242-123456"));

  @Test
  void aRunWritesItsOwnPartWithTheBuildAndEachVariantsRunId() throws IOException {
    build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc", "kolkata"), reports);

    JsonNode part = json(reports.resolve("runs/report-run-a.json"));
    assertThat(fieldNames(part))
        .containsExactly(
            "runId",
            "startedAt",
            "backend",
            "backendReason",
            "host",
            "buildId",
            "matrices",
            "disk",
            "variants");
    assertThat(part.get("buildId").asText()).isEqualTo("4242-123456");
    assertThat(part.get("variants"))
        .hasSize(2)
        .allSatisfy(v -> assertThat(v.get("runId").asText()).isEqualTo("run-a"));
  }

  @Test
  void twoPartsOfOneBuildMergeIntoReportJsonWithBothRunsVariantsAndTheNewestRunOnTop()
      throws IOException {
    // the later run finishes first: the top is the newest by start, not the last to merge
    build.write(Runs.run("run-b", LATER, "com.example.B", "bb", false, "jdk=25"), reports);
    build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc", "kolkata"), reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(fieldNames(report))
        .containsExactly(
            "runId",
            "startedAt",
            "backend",
            "backendReason",
            "host",
            "buildId",
            "runs",
            "matrices",
            "disk",
            "variants");
    assertThat(report.get("runId").asText()).isEqualTo("run-b");
    assertThat(report.get("startedAt").asText()).isEqualTo(LATER.toString());
    assertThat(report.get("buildId").asText()).isEqualTo("4242-123456");
    assertThat(report.get("runs"))
        .extracting(r -> r.get("runId").asText() + " " + r.get("part").asText())
        .containsExactly("run-a runs/report-run-a.json", "run-b runs/report-run-b.json");
    assertThat(report.get("runs").get(0).get("startedAt").asText()).isEqualTo(EARLIER.toString());
    assertThat(report.get("runs").get(0).get("backend").asText()).isEqualTo("process");
    assertThat(report.get("runs").get(0).get("archive").isNull()).isTrue();
    assertThat(report.get("variants"))
        .extracting(v -> v.get("runId").asText() + " " + v.get("name").asText())
        .containsExactly("run-a kolkata", "run-a utc", "run-b jdk=25");
    assertThat(report.get("matrices"))
        .extracting(m -> m.get("class").asText())
        .containsExactly("com.example.A", "com.example.B");
    JsonNode disk = report.get("disk");
    assertThat(disk.get("logicalBytes").asLong()).isEqualTo(300);
    assertThat(disk.get("physicalBytes").asLong()).isEqualTo(200);
    assertThat(disk.get("layersBuilt").asInt()).isEqualTo(1);
    assertThat(disk.get("layersReused").asInt()).isEqualTo(1);
  }

  @Test
  void theNewestRunsArchiveIsOnTopAndEachRunKeepsItsOwn() throws IOException {
    RunReport older = Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc");
    older.archived(new RunReport.ArchiveEntry("/archive", "sha256:0a", java.util.Map.of(), null));
    RunReport newer = Runs.run("run-b", LATER, "com.example.B", "bb", true, "utc");
    newer.archived(new RunReport.ArchiveEntry("/archive", "sha256:0b", java.util.Map.of(), null));
    build.write(older, reports);
    build.write(newer, reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("archive").get("record").asText()).isEqualTo("sha256:0b");
    assertThat(report.get("runs"))
        .extracting(r -> r.get("archive").get("record").asText())
        .containsExactly("sha256:0a", "sha256:0b");
  }

  @Test
  void aPartOfAnotherBuildIsDeletedAndLeftOutOfReportJson() throws IOException {
    new RunReportWriter(Optional.of("1000-1"))
        .write(Runs.run("old", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    build.write(Runs.run("new", LATER, "com.example.A", "aa", false, "utc"), reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("runs")).extracting(r -> r.get("runId").asText()).containsExactly("new");
    assertThat(report.get("variants"))
        .extracting(v -> v.get("runId").asText())
        .containsExactly("new");
    assertThat(reports.resolve("runs/report-old.json")).doesNotExist();
    assertThat(reports.resolve("runs/report-new.json")).exists();
  }

  @Test
  void withoutAMavenBuildEachRunIsItsOwnBuildAndReportJsonIsThatRun() throws IOException {
    RunReportWriter outsideMaven = new RunReportWriter(Optional.empty());
    outsideMaven.write(Runs.run("first", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    outsideMaven.write(Runs.run("second", LATER, "com.example.A", "aa", false, "utc"), reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("buildId").asText()).isEqualTo("second");
    assertThat(report.get("runs"))
        .extracting(r -> r.get("runId").asText())
        .containsExactly("second");
    assertThat(listing(reports.resolve("runs"))).containsExactly("report-second.json");
  }

  @Test
  void aCorruptPartIsNamedWithWhatToDoAndTheOtherPartsAreStillMerged() throws IOException {
    build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    Path corrupt = reports.resolve("runs/report-run-x.json");
    Files.writeString(corrupt, "{\"runId\": \"run-x\", \"variants\": [");

    assertThatThrownBy(
            () ->
                build.write(Runs.run("run-b", LATER, "com.example.B", "bb", true, "utc"), reports))
        .isInstanceOf(ReportPartException.class)
        .hasMessage(
            "The report part "
                + corrupt
                + " cannot be read: it is not valid JSON at line 1, column 33:"
                + " Unexpected end-of-input: expected close marker for Array. Delete it: "
                + reports.resolve("report.json")
                + " was merged from the other parts without it");

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("runs"))
        .extracting(r -> r.get("runId").asText())
        .containsExactly("run-a", "run-b");
    assertThat(corrupt).as("left for the user to look at and delete").exists();
  }

  @Test
  void aPartMissingAFieldOrNamedForAnotherRunIsNotAPart() throws IOException {
    build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    Path noVariants = reports.resolve("runs/report-run-y.json");
    Files.writeString(
        noVariants,
        "{\"runId\": \"run-y\", \"buildId\": \"4242-123456\", \"startedAt\":"
            + " \"2026-01-01T09:00:00Z\", \"backend\": \"process\", \"host\": {}, \"matrices\":"
            + " []}");
    Path renamed = reports.resolve("runs/report-run-z.json");
    Files.copy(reports.resolve("runs/report-run-a.json"), renamed);

    assertThatThrownBy(
            () ->
                build.write(Runs.run("run-b", LATER, "com.example.B", "bb", true, "utc"), reports))
        .isInstanceOf(ReportPartException.class)
        .hasMessage(
            "The report parts "
                + noVariants
                + " (it has no \"variants\") and "
                + renamed
                + " (it holds run"
                + " run-a, which its file name does not name) cannot be read. Delete them: "
                + reports.resolve("report.json")
                + " was merged from the other parts without them")
        .satisfies(
            e ->
                assertThat(((ReportPartException) e).files()).containsExactly(noVariants, renamed));
  }

  @Test
  void aRunsPartIsWrittenUnderRunsAndNoTempFileIsLeft() throws IOException {
    Path written =
        build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc"), reports);

    assertThat(written).isEqualTo(reports.resolve("report.json"));
    assertThat(listing(reports.resolve("runs"))).containsExactly("report-run-a.json");
    assertThat(listing(reports))
        .containsExactly("report.html", "report.json", "report.lock", "runs");
    assertThat(json(reports.resolve("runs/report-run-a.json")).get("runId").asText())
        .isEqualTo("run-a");
  }

  @Test
  void aRunIdThatCannotNameAFileIsRefusedBeforeAnythingIsWritten() {
    RunReport run = Runs.run("../escape", EARLIER, "com.example.A", "aa", true, "utc");

    assertThatThrownBy(() -> build.write(run, reports))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run id '../escape' cannot name a report part: it must be letters, digits, '.', '_'"
                + " and '-', starting with a letter or digit");
    assertThat(reports).isEmptyDirectory();
  }

  @Test
  void aPartOfAnotherBuildIsDroppedEvenWhenItStartedLater() throws IOException {
    new RunReportWriter(Optional.of("9999-1"))
        .write(Runs.run("later", LATER, "com.example.B", "bb", true, "utc"), reports);

    build.write(Runs.run("earlier", EARLIER, "com.example.A", "aa", true, "utc"), reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("runId").asText()).isEqualTo("earlier");
    assertThat(report.get("buildId").asText()).isEqualTo("4242-123456");
    assertThat(report.get("matrices"))
        .extracting(m -> m.get("class").asText())
        .containsExactly("com.example.A");
    assertThat(listing(reports.resolve("runs"))).containsExactly("report-earlier.json");
  }

  @Test
  void eachFailureIsListedUnderTheVariantItFailedInWithThatVariantsRunAndLogs() throws IOException {
    build.write(failingRun("run-a", EARLIER, "utc"), reports);
    build.write(failingRun("run-b", LATER, "kolkata"), reports);

    JsonNode variants = json(reports.resolve("report.json")).get("variants");
    assertThat(variants)
        .extracting(
            v ->
                v.get("runId").asText()
                    + " "
                    + v.get("name").asText()
                    + " "
                    + v.get("failures").findValuesAsText("test"))
        .containsExactly(
            "run-a passes []",
            "run-a utc [demo.ZoneTest#offset(Variant)]",
            "run-b kolkata [demo.ZoneTest#offset(Variant)]",
            "run-b passes []");
    assertThat(variants.get(1).get("failures").get(0).get("logs").asText())
        .isEqualTo(variants.get(1).get("logs").asText())
        .isEqualTo("variants/run-a/demo.ZoneTest/utc");
    assertThat(variants.get(2).get("failures").get(0).get("message").asText())
        .isEqualTo("expected: 0 but was: kolkata");
  }

  @Test
  void aMeasuredPeakMemoryIsListedAndAnUnmeasuredOneLeftOutAfterTheRunsAreMerged()
      throws IOException {
    RunReport run = failingRun("run-a", EARLIER, "utc");
    RunReport measured =
        new RunReport(
            "run-b",
            LATER,
            "native",
            "asked for",
            new HostInfo("Linux 6.1", "amd64", 2, java.util.OptionalLong.empty()));
    measured.add(
        variant("kolkata", VariantStatus.PASSED)
            .withPeakMemoryBytes(java.util.OptionalLong.of(73_400_320L)));
    build.write(run, reports);
    build.write(measured, reports);

    JsonNode variants = json(reports.resolve("report.json")).get("variants");
    assertThat(variants)
        .extracting(v -> v.get("name").asText() + " " + v.path("peakMemoryBytes").asText("-"))
        .containsExactlyInAnyOrder("kolkata 73400320", "utc -", "passes -");
    assertThat(fieldNames(variants.get(0))).doesNotContain("peakMemoryBytes");
  }

  @Test
  void everyRunWritesAFreshReportJsonEvenWithoutVariants() throws IOException {
    RunReportWriter outsideMaven = new RunReportWriter(Optional.empty());
    outsideMaven.write(Runs.run("first", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    Files.writeString(reports.resolve("report.json"), "left over by hand");

    outsideMaven.write(Runs.run("second", LATER, "com.example.A", "aa", true), reports);

    JsonNode report = json(reports.resolve("report.json"));
    assertThat(report.get("runId").asText()).isEqualTo("second");
    assertThat(report.get("startedAt").asText()).isEqualTo(LATER.toString());
    assertThat(report.get("variants")).isEmpty();
    assertThat(report.get("disk").get("layers").asInt()).isZero();
  }

  @Test
  void anArchiveWithoutANoteHasNoNoteAndNeverListsItsRefs() throws IOException {
    RunReport run = Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc");
    run.archived(
        new RunReport.ArchiveEntry(
            "/archive", "sha256:0a", java.util.Map.of("com.example.A#x", "cm/x"), null));

    build.write(run, reports);

    JsonNode archive = json(reports.resolve("report.json")).get("archive");
    assertThat(fieldNames(archive)).containsExactly("directory", "record");
  }

  /**
   * A run of demo.ZoneTest: a variant {@code failing} with one failed test, and one that passes.
   */
  private static RunReport failingRun(String runId, Instant startedAt, String failing) {
    RunReport run =
        new RunReport(
            runId,
            startedAt,
            "process",
            "asked for",
            new HostInfo("Linux 6.1", "amd64", 2, java.util.OptionalLong.empty()));
    String logs = "variants/" + runId + "/demo.ZoneTest/" + failing;
    run.add(
        variant(failing, VariantStatus.FAILED)
            .withLogs(logs)
            .withFailures(
                List.of(
                    TestFailure.of(
                        "demo.ZoneTest#offset(Variant)",
                        "expected: 0 but was: " + failing,
                        logs))));
    run.add(variant("passes", VariantStatus.PASSED));
    return run;
  }

  private static VariantReport variant(String name, VariantStatus status) {
    return new VariantReport(
        name,
        "demo.ZoneTest",
        name,
        java.util.Map.of("tz", name),
        ResourceLimits.none(),
        List.of(),
        status,
        Optional.empty(),
        new VariantReport.TestCounts(1, status == VariantStatus.FAILED ? 1 : 0, 0),
        10,
        Optional.empty(),
        List.of());
  }

  @Test
  void aPartWhoseFieldsDoNotBindIsNotAPart() throws IOException {
    Path odd = reports.resolve("runs/report-run-o.json");
    Files.createDirectories(odd.getParent());
    Files.writeString(
        odd,
        "{\"runId\": \"run-o\", \"buildId\": \"4242-123456\", \"startedAt\":"
            + " \"2026-01-01T09:00:00Z\", \"backend\": \"process\", \"backendReason\": {},"
            + " \"host\": {}, \"matrices\": [], \"variants\": []}");

    assertThatThrownBy(
            () ->
                build.write(Runs.run("run-b", LATER, "com.example.B", "bb", true, "utc"), reports))
        .isInstanceOf(ReportPartException.class)
        .hasMessageStartingWith(
            "The report part "
                + odd
                + " cannot be read: its fields are not those of a report part: Cannot deserialize"
                + " value of type `java.lang.String` from Object value");
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static List<String> fieldNames(JsonNode node) {
    return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
        .toList();
  }

  private static List<String> listing(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachVariantListsItsFailedTestsWithMessageAndLogsAndEachMatrixCountsWhatRan()
      throws IOException {
    RunReport run =
        new RunReport(
            "run-f",
            EARLIER,
            "process",
            "asked for",
            new HostInfo("Linux 6.1", "amd64", 2, java.util.OptionalLong.empty()));
    run.add(new MatrixSummary("demo.OneBadTest", "annotations", "all", 20, 20).withVariantsRun(1));
    String logs = "variants/run-f/demo.OneBadTest/jdk=25,tz=kolkata-3f2a9c0b1d4e";
    run.add(
        new VariantReport(
                "3f2a9c0b1d4e",
                "demo.OneBadTest",
                "jdk=25, tz=kolkata",
                java.util.Map.of("jdk", "25", "tz", "kolkata"),
                ResourceLimits.none(),
                List.of(),
                VariantStatus.FAILED,
                Optional.of("1 test(s) failed"),
                new VariantReport.TestCounts(1, 1, 0),
                10,
                Optional.empty(),
                List.of())
            .withLogs(logs)
            .withFailures(
                List.of(
                    TestFailure.of(
                        "demo.OneBadTest#offsetIsWhole(Variant)",
                        "expected: 0 but was: 1800000",
                        logs))));

    build.write(run, reports);

    JsonNode report = json(reports.resolve("report.json"));
    JsonNode matrix = report.get("matrices").get(0);
    assertThat(matrix.get("variants").asInt()).isEqualTo(20);
    assertThat(matrix.get("variantsRun").asInt()).isEqualTo(1);
    JsonNode variant = report.get("variants").get(0);
    assertThat(variant.get("logs").asText()).isEqualTo(logs);
    assertThat(variant.get("failures")).hasSize(1);
    JsonNode failure = variant.get("failures").get(0);
    assertThat(fieldNames(failure)).containsExactly("test", "message", "logs");
    assertThat(failure.get("test").asText()).isEqualTo("demo.OneBadTest#offsetIsWhole(Variant)");
    assertThat(failure.get("message").asText()).isEqualTo("expected: 0 but was: 1800000");
    assertThat(failure.get("logs").asText()).isEqualTo(logs);
  }
}
