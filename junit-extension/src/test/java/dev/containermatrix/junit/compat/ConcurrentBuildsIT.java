package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two {@code mvn verify} runs of two projects on one host at once, sharing the local repository and
 * the layer store: both are green, and each report.json is complete.
 */
class ConcurrentBuildsIT {
  private static final String MATRIX = "fixture.JunitVersionMatrixTest";

  @Test
  void twoBuildsAtOnceAreBothGreenAndEachWritesACompleteReport() throws Exception {
    FixtureWorkspace workspace = FixtureWorkspace.prepare();
    FixtureBuild.Started first = workspace.fixture("junit-6.1", "concurrent-first").start();
    FixtureBuild.Started second = workspace.fixture("junit-6.1", "concurrent-second").start();

    for (FixtureResult build : List.of(first.finish(), second.finish())) {
      build.assertSucceeded();
      List<ReportedTestCase> testCases = build.surefireTestCases();
      FixtureAssertions.assertAllPassed(build, testCases);
      FixtureAssertions.assertRanInEachVariant(
          build,
          testCases,
          MATRIX,
          List.of("runsTheJunitOfTheProjectsBom", "seesTheEnvironmentOfItsVariant"),
          SIDES);
      FixtureAssertions.assertReported(build, build.report(), MATRIX, SIDES);
    }
  }
}
