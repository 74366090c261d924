package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.archive.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiveBoundsTest {

  private static ArchiveBounds bounds(Map<String, String> parameters) {
    return ArchiveBounds.from(new MapParameters(parameters));
  }

  @Test
  void byDefaultTheArchiveKeepsTheLast20RunsOr10GbWhicheverIsSmaller() {
    ArchiveBounds bounds = EngineSettings.from(new MapParameters(Map.of())).archiveBounds();

    assertThat(bounds)
        .isEqualTo(
            new ArchiveBounds(OptionalInt.of(20), OptionalInt.empty(), OptionalLong.of(10L << 30)));
    assertThat(bounds.describe()).isEqualTo("the last 20 runs or 10.0 GiB, whichever is smaller");
    assertThat(bounds.policy("run-7"))
        .isEqualTo(
            new RetentionPolicy(
                OptionalInt.of(20), Optional.empty(), OptionalLong.of(10L << 30), Set.of("run-7")));
  }

  @Test
  void eachBoundIsSetByItsKeyAndAllTurnsItOff() {
    assertThat(
            bounds(
                Map.of(
                    "containermatrix.archive.keepRuns",
                    "5",
                    "containermatrix.archive.keepDays",
                    "90",
                    "containermatrix.archive.keepSize",
                    "500mb")))
        .isEqualTo(
            new ArchiveBounds(OptionalInt.of(5), OptionalInt.of(90), OptionalLong.of(500L << 20)));
    ArchiveBounds off =
        bounds(
            Map.of(
                "containermatrix.archive.keepRuns",
                "all",
                "containermatrix.archive.keepSize",
                "ALL"));
    assertThat(off)
        .isEqualTo(
            new ArchiveBounds(OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty()));
    assertThat(off.describe()).isEqualTo("every run (no bound)");
    assertThat(bounds(Map.of("containermatrix.archive.keepRuns", "all")).describe())
        .isEqualTo("as many of the latest runs as fit in 10.0 GiB");
    assertThat(bounds(Map.of("containermatrix.archive.keepDays", "7")).policy("r").keepFor())
        .contains(Duration.ofDays(7));
  }

  @Test
  void aBadSizeNamesTheKeyTheValueAndWhatToSetItTo() {
    for (String bad : new String[] {"10", "10G", "1.5GB", "0GB", "lots"}) {
      assertThatThrownBy(() -> bounds(Map.of("containermatrix.archive.keepSize", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Configuration parameter containermatrix.archive.keepSize='"
                  + bad
                  + "' is not a size (a positive whole number and KB, MB, GB or TB, e.g. 500MB) or"
                  + " all; set it to the most the archive may hold, e.g. 10GB (the default), or all"
                  + " for no size bound");
    }
  }

  @Test
  void aBadCountNamesTheKeyTheValueAndWhatToSetItTo() {
    assertThatThrownBy(() -> bounds(Map.of("containermatrix.archive.keepRuns", "0")))
        .hasMessage(
            "Configuration parameter containermatrix.archive.keepRuns='0' is not a positive whole"
                + " number or all; set it to how many of the latest archived runs to keep (default"
                + " 20), or all for no count bound");
    assertThatThrownBy(() -> bounds(Map.of("containermatrix.archive.keepDays", "a week")))
        .hasMessage(
            "Configuration parameter containermatrix.archive.keepDays='a week' is not a positive"
                + " whole number or all; set it to for how many days to keep archived runs, e.g."
                + " 90, or all for no age rule (the default)");
  }

  @Test
  void theConsoleLineSaysWhatTheArchiveHoldsAndNamesTheKeysThatBoundIt() {
    assertThat(
            ArchiveBounds.defaults()
                .consoleLine(Path.of("/home/u/.containermatrix/archive"), 20, 3L << 30, 1))
        .isEqualTo(
            "[container-matrix] archive /home/u/.containermatrix/archive holds 20 runs, 3.0 GiB"
                + " (retention removed 1 older run); it keeps the last 20 runs or 10.0 GiB,"
                + " whichever is smaller; change that with containermatrix.archive.keepRuns,"
                + " containermatrix.archive.keepDays and containermatrix.archive.keepSize (a"
                + " number, a size such as 5GB, or all for no bound)");
  }
}
