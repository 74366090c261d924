package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
  private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant LATER = Instant.parse("2026-01-01T10:05:00Z");

  @TempDir Path reports;

  private final RunReportWriter build = new RunReportWriter(Optional.of("4242-123456"));

  @Test
  void reportHtmlIsWrittenBesideReportJsonFromTheMergedRuns() throws IOException {
    build.write(Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc"), reports);
    build.write(Runs.run("run-b", LATER, "com.example.B", "bb", false, "jdk=25"), reports);

    String html = Files.readString(reports.resolve("report.html"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("run-a, run-b")
        .contains("<h2>com.example.A</h2>")
        .contains("<h2>com.example.B</h2>");
    try (var files = Files.list(reports)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no temp file is left")
          .containsExactlyInAnyOrder("report.json", "report.html", "report.lock", "runs");
    }
  }

  @Test
  void aPageThatCannotBeWrittenIsNamedAndReportJsonStands() throws IOException {
    Files.createDirectories(reports.resolve("report.html").resolve("in-the-way"));

    assertThatThrownBy(
            () ->
                build.write(
                    Runs.run("run-a", EARLIER, "com.example.A", "aa", true, "utc"), reports))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("Could not write " + reports.resolve("report.html") + ": ")
        .hasMessageEndingWith(
            "; the results are in "
                + reports.resolve("report.json")
                + ", which was written. Check that the directory is writable and has space");
    assertThat(
            new ObjectMapper()
                .readTree(reports.resolve("report.json").toFile())
                .get("runId")
                .asText())
        .isEqualTo("run-a");
  }

  @Test
  void aShardsReportGetsAPageOfTheSameName() {
    assertThat(ReportPage.of(Path.of("/r/report-2-of-4.json")))
        .isEqualTo(Path.of("/r/report-2-of-4.html"));
    assertThat(ReportPage.of(Path.of("/r/report.json"))).isEqualTo(Path.of("/r/report.html"));
  }
}
