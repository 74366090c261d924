package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Projects whose junit-bom or Spring Boot BOM picks the JUnit version: each builds green with a
 * class matrix and a plain host test, and every test, on the host and in each variant, runs on the
 * JUnit jars of that version (the fixture's tests check their own classpath).
 */
class BomJunitVersionsIT {
  private static final String MATRIX = "fixture.JunitVersionMatrixTest";
  private static final String HOST_TEST = "fixture.JunitOnClasspathTest";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "junit-5.10",
        "junit-5.14",
        "junit-6.0",
        "junit-6.1",
        "spring-boot-3.5",
        "spring-boot-4.0"
      })
  void aClassMatrixAndAHostTestBuildGreenOnTheJunitOfTheProjectsBom(String fixture)
      throws Exception {
    FixtureResult build = FixtureWorkspace.prepare().fixture(fixture).run().assertSucceeded();

    List<ReportedTestCase> testCases = build.surefireTestCases();
    FixtureAssertions.assertAllPassed(build, testCases);
    FixtureAssertions.assertRanInEachVariant(
        build,
        testCases,
        MATRIX,
        List.of("runsTheJunitOfTheProjectsBom", "seesTheEnvironmentOfItsVariant"),
        SIDES);
    FixtureAssertions.assertHostTestPassed(
        build, testCases, HOST_TEST, "theHostRunsTheJunitOfTheProjectsBom");
    FixtureAssertions.assertReported(build, build.report(), MATRIX, SIDES);
  }
}
