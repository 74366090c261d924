package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.engine.progress.ProgressSetting;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's progress with its timer's ticks called by hand (the period is an hour). */
class ConsoleProgressTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

  private static VariantReport passed(String name, long millis) {
    return new VariantReport(
        "3f2a9c0b1d4e",
        "com.example.MyTest",
        name,
        Map.of(),
        ResourceLimits.none(),
        List.of(),
        VariantStatus.PASSED,
        Optional.empty(),
        new VariantReport.TestCounts(1, 0, 0),
        millis,
        Optional.empty(),
        List.of());
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aTickPrintsTheSummaryWhileVariantsAreLeftAndClosingPrintsTheLastWithoutAnEstimate() {
    try (ConsoleProgress progress =
        ConsoleProgress.start(Optional.of(Duration.ofHours(1)), 3, 2, stream)) {
      progress.started();
      progress.started();
      progress.finished(passed("a=1", 4000), true);
      progress.tick();
    }

    assertThat(lines())
        .containsExactly(
            "[container-matrix] PASSED  a=1 (MyTest) 4.0s",
            "[container-matrix] 1/3 variants, 0 failed, 1 running, ~4s left",
            "[container-matrix] 1/3 variants, 0 failed, 1 running");
  }

  @Test
  void aTickAfterEveryVariantFinishedPrintsNothing() {
    try (ConsoleProgress progress =
        ConsoleProgress.start(Optional.of(Duration.ofHours(1)), 1, 1, stream)) {
      progress.started();
      progress.finished(passed("a=1", 1000), true);
      progress.tick();
    }

    assertThat(lines())
        .containsExactly(
            "[container-matrix] PASSED  a=1 (MyTest) 1.0s",
            "[container-matrix] 1/1 variants, 0 failed, 0 running");
  }

  @Test
  void theSettingIsAutoByDefaultAndABadValueNamesTheKey() {
    assertThat(EngineSettings.from(new MapParameters(Map.of())).progress())
        .isEqualTo(ProgressSetting.auto());
    assertThatThrownBy(
            () -> EngineSettings.from(new MapParameters(Map.of("containermatrix.progress", "yes"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Configuration parameter containermatrix.progress='yes' is not auto, off or a period;");
  }

  @Test
  void offOrNothingToRunPrintsNothing() {
    try (ConsoleProgress off = ConsoleProgress.start(Optional.empty(), 3, 1, stream);
        ConsoleProgress empty =
            ConsoleProgress.start(Optional.of(Duration.ofSeconds(1)), 0, 1, stream)) {
      off.started();
      off.finished(passed("a=1", 1000), true);
      off.tick();
      empty.tick();
    }

    assertThat(lines()).isEmpty();
  }
}
