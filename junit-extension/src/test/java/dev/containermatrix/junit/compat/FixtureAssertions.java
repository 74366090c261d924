package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.compat.MatrixReport.ReportedVariant;
import java.util.List;

/**
 * What a green fixture build (or a console launcher run on a fixture) shows in its test reports and
 * report.json; every message names what ran ({@code build}: a {@link FixtureResult} or a {@link
 * ConsoleRun}), with its log.
 */
final class FixtureAssertions {
  /** The two variants of the fixtures' config axis {@code side}. */
  static final List<String> SIDES = List.of("side=left", "side=right");

  private FixtureAssertions() {}

  /** There are testcases, and every one of them passed. */
  static void assertAllPassed(Object build, List<ReportedTestCase> testCases) {
    assertThat(testCases)
        .as("%s: its testcases", build)
        .isNotEmpty()
        .allSatisfy(
            testCase ->
                assertThat(testCase.outcome())
                    .as("%s: %s", build, testCase)
                    .isEqualTo(ReportedTestCase.Outcome.PASSED));
  }

  /**
   * Each test {@code method} of {@code matrixClass} is one passed testcase per variant in {@code
   * variants}.
   */
  static void assertRanInEachVariant(
      Object build,
      List<ReportedTestCase> testCases,
      String matrixClass,
      List<String> methods,
      List<String> variants) {
    for (String variant : variants) {
      for (String method : methods) {
        assertThat(testCases)
            .as(
                "%s: the testcase of %s#%s in variant [%s] among%n%s",
                build,
                matrixClass,
                method,
                variant,
                String.join("\n", testCases.stream().map(ReportedTestCase::toString).toList()))
            .filteredOn(testCase -> testCase.isInVariant(matrixClass, method, variant))
            .singleElement()
            .extracting(ReportedTestCase::outcome)
            .isEqualTo(ReportedTestCase.Outcome.PASSED);
      }
    }
  }

  /** The plain host test {@code className}'s testcase {@code method} passed. */
  static void assertHostTestPassed(
      Object build, List<ReportedTestCase> testCases, String className, String method) {
    assertThat(testCases)
        .as("%s: host test %s#%s", build, className, method)
        .filteredOn(
            testCase ->
                testCase.className().equals(className) && testCase.name().startsWith(method))
        .singleElement()
        .extracting(ReportedTestCase::outcome)
        .isEqualTo(ReportedTestCase.Outcome.PASSED);
  }

  /**
   * report.json lists exactly {@code variants} for {@code matrixClass}, each passed with no failed
   * test, and names the backend this host must use, where it must use one.
   */
  static void assertReported(
      Object build, MatrixReport report, String matrixClass, List<String> variants)
      throws InterruptedException {
    List<ReportedVariant> reported = report.variantsOf(matrixClass);
    assertThat(reported)
        .as("%s: the variants of %s in %s", build, matrixClass, report.file())
        .extracting(ReportedVariant::name)
        .containsExactlyInAnyOrderElementsOf(variants);
    assertThat(reported)
        .as("%s: the variants of %s in %s", build, matrixClass, report.file())
        .allSatisfy(
            variant -> {
              assertThat(variant.status()).as("status of %s", variant).isEqualTo("PASSED");
              assertThat(variant.failed()).as("failed tests of %s", variant).isZero();
              assertThat(variant.passed()).as("passed tests of %s", variant).isPositive();
            });
    ExpectedBackend.onThisHost()
        .ifPresent(
            backend ->
                assertThat(report.backend())
                    .as("%s: the backend in %s", build, report.file())
                    .isEqualTo(backend));
  }
}
