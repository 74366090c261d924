package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantLogsTest {
  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path reports;

  private VariantLogs logs(String buildId, String runId) {
    return new RunReportWriter(Optional.of(buildId))
        .variantLogs(Runs.run(runId, START, "demo.A", "aa", true), reports);
  }

  @Test
  void aVariantsLogsAreUnderItsRunAndClassNamedByItsValuesAndId() {
    VariantLogs logs = logs("b1", "run-1");

    assertThat(logs.relative("demo.ResourceTest", "jdk=25, tz=kolkata", "3f2a9c0b1d4e"))
        .isEqualTo("variants/run-1/demo.ResourceTest/jdk=25,tz=kolkata-3f2a9c0b1d4e");
    assertThat(logs.directory("demo.ResourceTest", "jdk=25, tz=kolkata", "3f2a9c0b1d4e"))
        .isEqualTo(
            reports.resolve("variants/run-1/demo.ResourceTest/jdk=25,tz=kolkata-3f2a9c0b1d4e"));
  }

  @Test
  void aDirectoryNameReplacesWhatAFileNameCannotHoldAndCutsLongNames() {
    assertThat(
            VariantLogs.directoryName("base=docker.io/eclipse-temurin:21, cfg=a b", "0123456789ab"))
        .isEqualTo("base=docker.io_eclipse-temurin_21,cfg=a_b-0123456789ab");
    assertThat(VariantLogs.directoryName("v=" + "x".repeat(300), "0123456789ab"))
        .hasSize(100 + 13)
        .endsWith("x-0123456789ab");
    assertThatThrownBy(() -> VariantLogs.directoryName("a=b", "../etc"))
        .hasMessage("a variant id is 12 lowercase hex digits, was '../etc'");
  }

  @Test
  void openingARunDeletesTheLogsOfEarlierBuildsAndOfTheOldLayoutButKeepsItsOwnBuildsRuns()
      throws IOException {
    VariantLogs earlierBuild = logs("b0", "run-0");
    earlierBuild.open();
    Files.createDirectories(earlierBuild.directory("demo.A", "tz=utc", "000000000000"));
    Path oldLayout = Files.createDirectories(reports.resolve("variants/demo.A/000000000000"));
    Files.writeString(oldLayout.resolve("stdout.log"), "from an earlier version");
    VariantLogs concurrentFork = logs("b1", "run-1");
    concurrentFork.open();
    Files.createDirectories(concurrentFork.directory("demo.A", "tz=utc", "000000000000"));

    logs("b1", "run-2").open();

    assertThat(listing(reports.resolve("variants"))).containsExactlyInAnyOrder("run-1", "run-2");
    assertThat(concurrentFork.directory("demo.A", "tz=utc", "000000000000")).isDirectory();
    assertThat(reports.resolve("variants/run-2/build")).hasContent("b1");
  }

  @Test
  void aRunIdThatCannotNameADirectoryIsRefused() {
    assertThatThrownBy(() -> new VariantLogs(reports, "../up", "b1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run id '../up' cannot name a log directory: it must be letters, digits, '.', '_' and"
                + " '-', starting with a letter or digit");
  }

  private static java.util.List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    }
  }
}
