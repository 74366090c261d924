package dev.containermatrix.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunProgressTest {

  static VariantReport variant(String name, VariantStatus status, long millis, String reason) {
    return new VariantReport(
        "3f2a9c0b1d4e",
        "com.example.MyTest",
        name,
        Map.of(),
        ResourceLimits.none(),
        List.of(),
        status,
        Optional.ofNullable(reason),
        new VariantReport.TestCounts(1, 0, 0),
        millis,
        Optional.empty(),
        List.of());
  }

  @Test
  void aPassedVariantsLineNamesItsValuesClassAndTime() {
    RunProgress progress = new RunProgress(64, 4);
    progress.started();

    assertThat(
            progress.finished(variant("jdk=25, lib=2.1", VariantStatus.PASSED, 3200, null), true))
        .isEqualTo("[container-matrix] PASSED  jdk=25, lib=2.1 (MyTest) 3.2s");
  }

  @Test
  void aFailedVariantsLineEndsWithTheFirstLineOfItsReason() {
    RunProgress progress = new RunProgress(64, 4);

    assertThat(
            progress.finished(
                variant("jdk=17", VariantStatus.INFRA_ERROR, 80_400, "was killed: OOM\nmore"),
                true))
        .isEqualTo("[container-matrix] INFRA_ERROR jdk=17 (MyTest) 1m20s: was killed: OOM");
    assertThat(
            progress.finished(variant("jdk=21", VariantStatus.FAILED, 2900, "x".repeat(300)), true))
        .endsWith("2.9s: " + "x".repeat(200) + " […]");
  }

  @Test
  void theSummaryHasNoEstimateUntilAVariantFinished() {
    RunProgress progress = new RunProgress(64, 4);
    progress.started();
    progress.started();

    assertThat(progress.summary())
        .isEqualTo("[container-matrix] 0/64 variants, 0 failed, 2 running");
  }

  @Test
  void theEstimateIsTheVariantsLeftParallelismAtATimeAtTheMeanDuration() {
    RunProgress progress = new RunProgress(64, 4);
    for (int i = 0; i < 16; i++) {
      progress.started();
    }
    for (int i = 0; i < 10; i++) {
      progress.finished(variant("v" + i, VariantStatus.PASSED, 2000, null), true);
    }
    progress.finished(variant("f1", VariantStatus.FAILED, 8000, "1 test(s) failed"), true);
    progress.finished(variant("f2", VariantStatus.INFRA_ERROR, 8000, "OOM"), true);

    // 52 left at a mean of 3 s, 4 at a time: 39 s
    assertThat(progress.summary())
        .isEqualTo("[container-matrix] 12/64 variants, 2 failed, 4 running, ~39s left");
  }

  @Test
  void cancelledVariantsCountAsFinishedButNotInTheMean() {
    RunProgress progress = new RunProgress(5, 8);
    progress.started();
    progress.finished(variant("a", VariantStatus.PASSED, 60_000, null), true);
    progress.finished(variant("b", VariantStatus.ABORTED, 0, "cancelled by failFast"), false);

    // 3 left, 3 at a time (fewer than the parallelism), a minute each
    assertThat(progress.summary())
        .isEqualTo("[container-matrix] 2/5 variants, 0 failed, 0 running, ~1m0s left");
  }

  @Test
  void theEndSummaryHasNoEstimateEvenWithVariantsLeft() {
    RunProgress progress = new RunProgress(3, 1);
    progress.started();
    progress.finished(variant("a", VariantStatus.PASSED, 1000, null), true);

    assertThat(progress.summary()).endsWith(", ~2s left");
    assertThat(progress.endSummary())
        .isEqualTo("[container-matrix] 1/3 variants, 0 failed, 0 running");
  }

  @Test
  void whenNothingIsLeftThereIsNoEstimate() {
    RunProgress progress = new RunProgress(1, 1);
    progress.started();
    progress.finished(variant("a", VariantStatus.PASSED, 1000, null), true);

    assertThat(progress.done()).isTrue();
    assertThat(progress.summary())
        .isEqualTo("[container-matrix] 1/1 variants, 0 failed, 0 running");
  }

  @Test
  void longEstimatesAreInHoursAndMinutes() {
    assertThat(RunProgress.whole(3_720_000)).isEqualTo("1h2m");
    assertThat(RunProgress.seconds(59_949)).isEqualTo("59.9s");
  }

  @Test
  void aNegativeCountOrNoParallelismIsRefused() {
    assertThatThrownBy(() -> new RunProgress(-1, 1))
        .hasMessage("a run's variant count must not be negative, was -1");
    assertThatThrownBy(() -> new RunProgress(1, 0))
        .hasMessage("a run's parallelism must be positive, was 0");
  }
}
