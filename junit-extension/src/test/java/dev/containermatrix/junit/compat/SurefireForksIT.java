package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.compat.MatrixReport.ReportedVariant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Surefire with {@code forkCount=2} and {@code reuseForks=false} runs each of two matrix classes in
 * a fork of its own: both forks' variants land in the one report.json, which lists both runs.
 */
class SurefireForksIT {
  private static final List<String> MATRICES =
      List.of("fixture.FirstMatrixTest", "fixture.SecondMatrixTest");

  @Test
  void twoForksMergeTheirVariantsIntoOneReportThatListsBothRuns() throws Exception {
    FixtureResult build = FixtureWorkspace.prepare().fixture("forks").run().assertSucceeded();

    List<ReportedTestCase> testCases = build.surefireTestCases();
    FixtureAssertions.assertAllPassed(build, testCases);
    MatrixReport report = build.report();
    for (String matrix : MATRICES) {
      FixtureAssertions.assertRanInEachVariant(
          build, testCases, matrix, List.of("seesTheEnvironmentOfItsVariant"), SIDES);
      FixtureAssertions.assertReported(build, report, matrix, SIDES);
    }
    List<JsonNode> runs = report.runs();
    assertThat(runs).as("%s: runs[] of %s, one per fork", build, report.file()).hasSize(2);
    Set<String> runIds =
        runs.stream().map(run -> run.path("runId").asText()).collect(Collectors.toSet());
    for (String matrix : MATRICES) {
      assertThat(report.variantsOf(matrix))
          .as("%s: the runIds of %s's variants in %s", build, matrix, report.file())
          .extracting(ReportedVariant::runId)
          .allSatisfy(runId -> assertThat(runIds).as("the runIds of runs[]").contains(runId))
          .as("one fork ran both variants of %s", matrix)
          .containsOnly(report.variantsOf(matrix).get(0).runId());
    }
    assertThat(report.variantsOf(MATRICES.get(0)).get(0).runId())
        .as("%s: with reuseForks=false the two classes ran in different forks", build)
        .isNotEqualTo(report.variantsOf(MATRICES.get(1)).get(0).runId());
  }
}
