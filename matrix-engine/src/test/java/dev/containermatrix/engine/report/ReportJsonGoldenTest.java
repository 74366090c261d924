package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Characterizes the bytes of the report files: two fully populated runs of one build (every field
 * set in one, every optional one empty in the other) and a part of an earlier build must give the
 * committed parts and report.json exactly, field order, nulls, absent fields, numbers and
 * indentation included.
 */
class ReportJsonGoldenTest {
  private static final String BUILD = "4242-123456";

  @TempDir Path reports;

  @ParameterizedTest
  @ValueSource(strings = {"runs/report-run-a.json", "runs/report-run-b.json", "report.json"})
  void theFilesOfTwoRunsOfABuildAreByteForByteTheCommittedOnes(String file) throws IOException {
    writeTwoRuns();

    assertThat(Files.readString(reports.resolve(file), StandardCharsets.UTF_8))
        .isEqualTo(golden(file.substring(file.lastIndexOf('/') + 1)));
  }

  @Test
  void thePartOfAnEarlierBuildIsGoneAfterTheMerge() throws IOException {
    writeTwoRuns();

    try (var parts = Files.list(reports.resolve("runs"))) {
      assertThat(parts.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("report-run-a.json", "report-run-b.json");
    }
  }

  private void writeTwoRuns() {
    new RunReportWriter(Optional.of("1000-1"))
        .write(
            Runs.run("old", Instant.parse("2025-12-31T23:00:00Z"), "com.example.A", "aa", true),
            reports);
    RunReportWriter writer = new RunReportWriter(Optional.of(BUILD));
    writer.write(fullRun(), reports);
    writer.write(sparseRun(), reports);
  }

  /** Every field set: replay, archive with a note and refs, limits, failures, logs, CPU time. */
  private static RunReport fullRun() {
    RunReport run =
        new RunReport(
            "run-a",
            Instant.parse("2026-01-01T10:00:00.123Z"),
            "native",
            "chosen: \"auto\" and the host supports it",
            new HostInfo("Linux 6.1", "amd64", 16, OptionalLong.of(34_359_738_368L)));
    run.replayOf("run 2025 of /home/u/.containermatrix/archive");
    run.archived(
        new RunReport.ArchiveEntry(
            "/home/u/.containermatrix/archive",
            "sha256:0a0a",
            Map.of("demo.ZoneTest#3f2a9c0b1d4e", "cm/demo.ZoneTest/3f2a9c0b1d4e"),
            "retention removed 2 runs"));
    run.add(
        new MatrixSummary("demo.ZoneTest", "matrix.yaml", "pairwise", 6, 12).withVariantsRun(2));
    run.add(new MatrixSummary("demo.AlphaTest", "annotations", "all", 1, 1));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("tz", "Asia/Kolkata");
    values.put("jdk", "25");
    String logs = "variants/run-a/demo.ZoneTest/jdk=25,tz=kolkata-3f2a9c0b1d4e";
    run.add(
        new VariantReport(
                "3f2a9c0b1d4e",
                "demo.ZoneTest",
                "tz=Asia/Kolkata, jdk=25",
                values,
                new ResourceLimits(
                    Optional.of(1.5),
                    OptionalLong.of(536_870_912),
                    OptionalLong.of(256),
                    OptionalLong.of(1024),
                    Optional.empty()),
                List.of(
                    new VariantReport.ReportedLayer(
                        "sha256:aa", 1_000_000_000_000L, LayerRole.SHARED_JARS, true),
                    new VariantReport.ReportedLayer("sha256:bb", 300, LayerRole.CLASSES, false)),
                VariantStatus.FAILED,
                Optional.of("1 test(s) failed"),
                new VariantReport.TestCounts(3, 1, 2),
                12_345,
                Optional.of("ignored: the run's ref wins"),
                List.of("pids: no pids controller", "nofile: \"ulimit\" refused"))
            .withCpuMillis(OptionalLong.of(987))
            .withClasspathEntries(42)
            .withLogs(logs)
            .withFailures(
                List.of(
                    TestFailure.of(
                        "demo.ZoneTest#offsetIsWhole(Variant)",
                        "expected: 0\nbut was: 1800000 \u00e9 \u2603 <tab>\t",
                        logs))));
    run.add(
        new VariantReport(
                "00aa",
                "demo.ZoneTest",
                "tz=UTC, jdk=21",
                Map.of("tz", "UTC"),
                new ResourceLimits(
                    Optional.of(2.0),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.empty()),
                List.of(
                    new VariantReport.ReportedLayer(
                        "sha256:aa", 1_000_000_000_000L, LayerRole.SHARED_JARS, false)),
                VariantStatus.PASSED,
                Optional.empty(),
                new VariantReport.TestCounts(4, 0, 0),
                0,
                Optional.of("cm/own-archive"),
                List.of())
            .withClasspathEntries(0));
    run.collected(3, 4_294_967_296L);
    return run;
  }

  /** Every optional field empty: no archive, no replay, unknown memory, an aborted variant. */
  private static RunReport sparseRun() {
    RunReport run =
        new RunReport(
            "run-b",
            Instant.parse("2026-01-01T10:05:00Z"),
            "process",
            "",
            new HostInfo("Linux 6.1", "aarch64", 1, OptionalLong.empty()));
    run.add(new MatrixSummary("demo.BetaTest", "annotations", "all", 0, 0, OptionalInt.empty()));
    run.add(
        new VariantReport(
            "b0",
            "demo.BetaTest",
            "only",
            Map.of(),
            ResourceLimits.none(),
            List.of(),
            VariantStatus.ABORTED,
            Optional.of("cancelled by failFast"),
            new VariantReport.TestCounts(0, 0, 0),
            0,
            Optional.empty(),
            List.of()));
    return run;
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ReportJsonGoldenTest.class.getResourceAsStream("golden/" + name)) {
      assertThat(in).as("golden file golden/%s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
