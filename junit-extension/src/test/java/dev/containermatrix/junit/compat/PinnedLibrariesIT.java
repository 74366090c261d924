package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adding junit-extension changes no version a project pinned (design §2, "We stay out of the user's
 * classpath"): a Spring Boot 3.5 project pinning old Jackson, SnakeYAML, commons-compress, Maven
 * Resolver and maven-settings-builder builds green, and its tests see the pinned versions on the
 * host and in each variant.
 */
class PinnedLibrariesIT {
  private static final String MATRIX = "fixture.PinnedVersionsMatrixTest";

  @Test
  void theTestsSeeTheVersionsTheProjectPinnedOnTheHostAndInEachVariant() throws Exception {
    FixtureResult build = FixtureWorkspace.prepare().fixture("pinned-old").run().assertSucceeded();

    List<ReportedTestCase> testCases = build.surefireTestCases();
    FixtureAssertions.assertAllPassed(build, testCases);
    FixtureAssertions.assertRanInEachVariant(
        build,
        testCases,
        MATRIX,
        List.of("seesThePinnedVersions", "seesTheEnvironmentOfItsVariant"),
        SIDES);
    FixtureAssertions.assertHostTestPassed(
        build, testCases, "fixture.PinnedVersionsTest", "theHostSeesThePinnedVersions");
    FixtureAssertions.assertReported(build, build.report(), MATRIX, SIDES);
  }
}
