package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertClassFailedAndNothingStarted;
import static dev.containermatrix.junit.engine.EngineRuns.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.engine.fixtures.FailFastFixture;
import dev.containermatrix.junit.engine.fixtures.TwoZonesFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A run that would execute nothing, or that is configured wrongly, fails where the console shows
 * it: each matrix class fails with the message, as a bad matrix fails its class, and report.json is
 * fresh.
 */
class NothingPassesSilentlyTest {
  @TempDir Path reports;

  private EngineExecutionResults run(
      Map<String, String> parameters, DiscoverySelector... selectors) {
    return EngineRuns.engine(reports, "process")
        .configurationParameter("containermatrix.archive", "off")
        .configurationParameters(parameters)
        .selectors(selectors)
        .execute();
  }

  @Test
  void aVariantFilterThatMatchesNoVariantFailsTheClassNamingTheFilterAndListingTheVariants() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.variants", "tz=mars"), selectClass(TwoZonesFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        TwoZonesFixture.class,
        instanceOf(IllegalArgumentException.class),
        message(
            m ->
                m.startsWith(
                        "Configuration parameter containermatrix.variants='tz=mars'"
                            + " matches no variant of "
                            + TwoZonesFixture.class.getName()
                            + ", so nothing would run. Its 2 variants are: tz=utc (")
                    && m.contains("; tz=kolkata (")
                    && m.endsWith(
                        "Fix the filter or remove it: it is axis=value terms joined by"
                            + " ',' (all must hold, like jdk=25,tz=utc) or a 12-digit"
                            + " variant id")));
  }

  @Test
  void aMisspelledAxisInTheVariantFilterIsNamedWithTheAxesThereAre() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.variants", "zt=utc"), selectClass(TwoZonesFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        TwoZonesFixture.class,
        message(
            m ->
                m.contains(
                    "matches no variant of "
                        + TwoZonesFixture.class.getName()
                        + ", so nothing would run: it has no axis 'zt' (its axes are"
                        + " tz, base)")));
  }

  @Test
  void aFilterThatMatchesOneClassOfTheRunFiltersTheOtherOutWithoutFailingIt() {
    EngineExecutionResults results =
        run(
            Map.of("containermatrix.variants", "tz=utc"),
            selectClass(TwoZonesFixture.class),
            selectClass(FailFastFixture.class));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    results.containerEvents().assertStatistics(s -> s.failed(0));
  }

  @Test
  void aBadConfigurationValueFailsEveryMatrixClassWithItsMessageAndStartsNothing() {
    EngineExecutionResults results =
        run(
            Map.of("containermatrix.parallelism", "0"),
            selectClass(TwoZonesFixture.class),
            selectClass(FailFastFixture.class));

    String expected =
        "Configuration parameter containermatrix.parallelism='0' is not a positive whole number;"
            + " set it to the most variants to run at once, e.g. 2";
    assertClassFailedAndNothingStarted(results, TwoZonesFixture.class, message(expected));
    assertClassFailedAndNothingStarted(results, FailFastFixture.class, message(expected));
  }

  @Test
  void aMisspelledBackendFailsTheClassNamingTheBackendsThereAre() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.backend", "dokcer"), selectClass(TwoZonesFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        TwoZonesFixture.class,
        message(
            "Configuration parameter containermatrix.backend='dokcer' names no backend;"
                + " set it to one of auto, native, docker, process (auto picks the best"
                + " this host runs)"));
  }

  @Test
  void severalBadValuesAreNamedTogetherInOneFailure() {
    EngineExecutionResults results =
        run(
            Map.of("containermatrix.parallelism", "two", "containermatrix.classData", "always"),
            selectClass(TwoZonesFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        TwoZonesFixture.class,
        message(
            m ->
                m.startsWith("2 configuration parameters are wrong:\n  - Configuration parameter")
                    && m.contains(
                        "containermatrix.parallelism='two' is not a positive whole number")
                    && m.contains(
                        "\n  - Configuration parameter containermatrix.classData='always' is not"
                            + " one of auto, off")));
  }

  @Test
  void aRunInWhichNoVariantRanStillWritesAFreshReportJson() throws Exception {
    Files.writeString(
        reports.resolve("report.json"),
        "{\"runId\": \"20200101-000000-000000\", \"variants\": [{}]}");

    run(Map.of("containermatrix.variants", "tz=mars"), selectClass(TwoZonesFixture.class));

    JsonNode report = report(reports);
    assertThat(report.get("runId").asText())
        .isNotEqualTo("20200101-000000-000000")
        .matches("\\d{8}-\\d{6}-[0-9a-f]{6}");
    assertThat(report.get("variants")).isEmpty();
  }

  @Test
  void aRunThatSelectedNoMatrixClassWritesAReportWithoutVariants() throws Exception {
    Files.writeString(
        reports.resolve("report.json"),
        "{\"runId\": \"20200101-000000-000000\", \"variants\": [{}]}");

    run(Map.of(), selectClass(NothingPassesSilentlyTest.class))
        .allEvents()
        .assertStatistics(s -> s.failed(0));

    JsonNode report = report(reports);
    assertThat(report.get("runId").asText()).isNotEqualTo("20200101-000000-000000");
    assertThat(report.get("variants")).isEmpty();
  }
}
