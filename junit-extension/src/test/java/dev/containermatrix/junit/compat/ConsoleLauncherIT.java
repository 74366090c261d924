package dev.containermatrix.junit.compat;

import static dev.containermatrix.junit.compat.FixtureAssertions.SIDES;

import dev.containermatrix.junit.compat.ConsoleLaunch.Form;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JUnit console launcher, started both ways a user starts it, runs every variant of a class
 * matrix green on the shaded junit-extension jar: each variant's classpath is taken from the
 * launcher's class loader, not only from {@code java.class.path} (issue 15, "Real clients"). The
 * fixture {@code console-launcher} is built once per JUnit version; its build resolves the console
 * launchers of that version from Maven Central.
 */
class ConsoleLauncherIT {
  private static final String MATRIX = "fixture.ConsoleMatrixTest";
  private static final List<String> METHODS =
      List.of("seesTheEnvironmentOfItsVariant", "loadsTheProjectsOtherTestClasses");
  private static final Map<String, FixtureResult> BUILDS = new HashMap<>();

  static Stream<Arguments> launches() {
    return Stream.of("5.10.5:1.10.5", "6.0.3:6.0.3")
        .flatMap(versions -> Stream.of(Form.values()).map(form -> Arguments.of(versions, form)));
  }

  @ParameterizedTest(name = "JUnit {0}, {1}")
  @MethodSource("launches")
  void theConsoleLauncherRunsEveryVariantGreen(String versions, Form form) throws Exception {
    FixtureResult build = buildFor(versions);

    ConsoleRun run = ConsoleLaunch.run(build, form, MATRIX).assertSucceeded();

    List<ReportedTestCase> testCases = run.testCases();
    FixtureAssertions.assertAllPassed(run, testCases);
    FixtureAssertions.assertRanInEachVariant(run, testCases, MATRIX, METHODS, SIDES);
    FixtureAssertions.assertReported(run, run.report(), MATRIX, SIDES);
  }

  /**
   * The fixture built on junit-bom {@code jupiter} and launchers {@code platform}, given as {@code
   * jupiter:platform}.
   */
  private static synchronized FixtureResult buildFor(String versions) {
    return BUILDS.computeIfAbsent(
        versions,
        v -> {
          String[] jupiterAndPlatform = v.split(":");
          return FixtureWorkspace.prepare()
              .fixture("console-launcher", "console-launcher-" + jupiterAndPlatform[0])
              .withProperty("junit.version", jupiterAndPlatform[0])
              .withProperty("platform.version", jupiterAndPlatform[1])
              .run()
              .assertSucceeded();
        });
  }
}
