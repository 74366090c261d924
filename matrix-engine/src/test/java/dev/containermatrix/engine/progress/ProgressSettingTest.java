package dev.containermatrix.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressSettingTest {

  @Test
  void autoShowsProgressEveryThirtySecondsUnlessTheBuildIsQuiet() {
    ProgressSetting auto = ProgressSetting.parse(" auto ");

    assertThat(auto).isEqualTo(ProgressSetting.auto());
    assertThat(auto.shownPeriod(false)).contains(Duration.ofSeconds(30));
    assertThat(auto.shownPeriod(true)).isEmpty();
  }

  @Test
  void offShowsNothing() {
    assertThat(ProgressSetting.parse("off").shownPeriod(false)).isEmpty();
  }

  @Test
  void aPeriodSetsTheSummarysPeriodAndShowsEvenInAQuietBuild() {
    assertThat(ProgressSetting.parse("10s").shownPeriod(true)).contains(Duration.ofSeconds(10));
    assertThat(ProgressSetting.parse("2m").shownPeriod(false)).contains(Duration.ofMinutes(2));
    assertThat(ProgressSetting.parse("500ms").shownPeriod(false)).contains(Duration.ofMillis(500));
  }

  @Test
  void anythingElseIsRefusedNamingTheKeyAndTheForms() {
    for (String bad : List.of("on", "0s", "-1s", "30", "1h", "", "99999999999s")) {
      assertThatThrownBy(() -> ProgressSetting.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Configuration parameter containermatrix.progress='"
                  + bad
                  + "' is not auto, off or a period; set it to auto (progress on the console"
                  + " unless the build is quiet), off, or the period of the summary line such as"
                  + " 30s, 2m or 500ms");
    }
  }

  @Test
  void mavensQuietFlagInTheExportedCommandLineOrTheLaunchersArgumentsMakesTheBuildQuiet() {
    assertThat(QuietBuild.quiet(Map.of("MAVEN_CMD_LINE_ARGS", " -B -q test"), Optional.empty()))
        .isTrue();
    assertThat(QuietBuild.quiet(Map.of("MAVEN_CMD_LINE_ARGS", "--quiet verify"), Optional.empty()))
        .isTrue();
    assertThat(QuietBuild.quiet(Map.of(), Optional.of(List.of("-o", "-q", "test")))).isTrue();
    assertThat(
            QuietBuild.quiet(
                Map.of("MAVEN_CMD_LINE_ARGS", "-B test -Dtest=Q"),
                Optional.of(List.of("-B", "test"))))
        .isFalse();
    assertThat(QuietBuild.quiet(Map.of(), Optional.empty())).isFalse();
  }
}
