package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Surefire and Failsafe in one module, each running a class matrix: both plugins' reports show
 * their variants, and the one report.json holds the variants of both.
 */
class SurefireAndFailsafeIT {
  private static final String SUREFIRE_MATRIX = "fixture.SurefireMatrixTest";
  private static final String FAILSAFE_MATRIX = "fixture.FailsafeMatrixIT";
  private static final List<String> METHODS = List.of("seesTheEnvironmentOfItsVariant");

  @Test
  void theReportHoldsTheVariantsThatSurefireAndFailsafeRan() throws Exception {
    FixtureResult build =
        FixtureWorkspace.prepare().fixture("surefire-and-failsafe").run().assertSucceeded();

    List<ReportedTestCase> surefire = build.surefireTestCases();
    FixtureAssertions.assertAllPassed(build, surefire);
    FixtureAssertions.assertRanInEachVariant(build, surefire, SUREFIRE_MATRIX, METHODS, SIDES);
    FixtureAssertions.assertHostTestPassed(
        build, surefire, "fixture.HostTest", "runsOnTheHostOutsideAnyVariant");
    List<ReportedTestCase> failsafe = build.failsafeTestCases();
    FixtureAssertions.assertAllPassed(build, failsafe);
    FixtureAssertions.assertRanInEachVariant(build, failsafe, FAILSAFE_MATRIX, METHODS, SIDES);
    MatrixReport report = build.report();
    FixtureAssertions.assertReported(build, report, SUREFIRE_MATRIX, SIDES);
    FixtureAssertions.assertReported(build, report, FAILSAFE_MATRIX, SIDES);
  }
}
