package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.containermatrix.junit.engine.fixtures.TwoZonesFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's progress in a real run: the engine prints to the stderr it finds when the run
 * starts, so each test runs the engine with stderr captured. The period is long, so no timed
 * summary comes: what is asserted is one line per variant and the last summary.
 */
class ConsoleProgressEngineTest {
  @TempDir Path reports;

  private List<String> progressLines(String setting) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      EngineRuns.engine(reports, "process")
          .configurationParameter("containermatrix.progress", setting)
          .selectors(selectClass(TwoZonesFixture.class))
          .execute()
          .testEvents()
          .assertStatistics(s -> s.started(4));
    } finally {
      System.setErr(stderr);
    }
    return captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.startsWith("[container-matrix] "))
        .filter(l -> !l.startsWith("[container-matrix] archive "))
        .toList();
  }

  @Test
  void eachFinishedVariantPrintsOneLineAndTheRunEndsWithASummary() {
    List<String> lines = progressLines("10m");

    assertThat(lines).hasSize(3);
    assertThat(lines.subList(0, 2))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "\\[container-matrix] PASSED  tz=utc \\(TwoZonesFixture\\) \\d+\\.\\ds"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "\\[container-matrix] FAILED  tz=kolkata \\(TwoZonesFixture\\) \\d+\\.\\ds:"
                            + " 1 test\\(s\\) failed"));
    assertThat(lines.get(2)).isEqualTo("[container-matrix] 2/2 variants, 1 failed, 0 running");
  }

  @Test
  void offPrintsNothing() {
    assertThat(progressLines("off")).isEmpty();
  }
}
