package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.engine.resolve.JdkLocator;
import dev.containermatrix.engine.resolve.JdkNotFoundException;
import dev.containermatrix.junit.compat.MatrixReport.ReportedClass;
import dev.containermatrix.junit.compat.MatrixReport.ReportedVariant;
import dev.containermatrix.junit.compat.ReportedTestCase.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A suite matrix counts, in each variant, what plain Surefire counts for the same selection in the
 * same environment (design §3, "Suite matrices"). Fixture {@code suites} is built three times: once
 * as a suite matrix on JDK 17 and 25 (process backend), and once per JDK with profile {@code
 * plain}, where JUnit's own suite engine runs the same {@code @Suite} without ContainerMatrix, in a
 * Maven run by that JDK. Its members pass, fail (on JDK 25 only), are disabled, ignored, aborted,
 * parameterized and nested, on Jupiter and Vintage.
 */
class SuiteCountsIT {
  private static final String SUITE = "fixture.MembersSuiteTest";
  private static final List<String> JDKS = List.of("17", "25");
  private static final Pattern SUMMARY =
      Pattern.compile(
          "\\[\\w+\\] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)");

  @Test
  void eachSuiteVariantCountsWhatPlainSurefireCountsForTheSameSelectionOnItsJdk() {
    Map<String, Path> homes = new TreeMap<>();
    JDKS.forEach(jdk -> homes.put(jdk, requireJdk(jdk)));
    FixtureWorkspace workspace = FixtureWorkspace.prepare();

    FixtureBuild.Started matrixBuild = workspace.fixture("suites", "suites-matrix").start();
    Map<String, FixtureBuild.Started> plainBuilds = new TreeMap<>();
    homes.forEach(
        (jdk, home) ->
            plainBuilds.put(
                jdk,
                workspace
                    .fixture("suites", "suites-plain-" + jdk)
                    .withProfile("plain")
                    .withProperty("test", "MembersSuiteTest")
                    .withJavaHome(home)
                    .start()));
    // RuntimeCheck#failsOnJdk25 fails there, and so fails the build, in a variant and alone
    FixtureResult matrix = matrixBuild.finish().assertFailed();
    Map<String, FixtureResult> plain = new TreeMap<>();
    plainBuilds.forEach((jdk, build) -> plain.put(jdk, build.finish()));
    plain.get("17").assertSucceeded();
    plain.get("25").assertFailed();

    List<ReportedVariant> variants = matrix.report().variantsOf(SUITE);
    assertThat(variants)
        .as("%s: report.json's variants of %s", matrix, SUITE)
        .extracting(ReportedVariant::name)
        .containsExactlyInAnyOrder("jdk=17", "jdk=25");
    for (String jdk : JDKS) {
      String name = "jdk=" + jdk;
      FixtureResult alone = plain.get(jdk);
      List<ReportedTestCase> plainCases = alone.surefireTestCases();
      ReportedVariant variant =
          variants.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();

      assertThat(variant.status())
          .as("%s: report.json's status of variant %s", matrix, name)
          .isEqualTo(jdk.equals("25") ? "FAILED" : "PASSED");
      assertThat(plainCases)
          .as("%s: plain Surefire ran the suite's members, each under its own class", alone)
          .isNotEmpty()
          .noneMatch(t -> t.className().equals(SUITE));
      assertThat(Counts.of(plainCases))
          .as("%s: its testcases, against Surefire's own summary", alone)
          .isEqualTo(summary(alone));
      assertThat(new Counts(variant.passed(), variant.failed(), variant.skipped()))
          .as("%s: report.json's tests{} of variant %s, against %s", matrix, name, alone)
          .isEqualTo(Counts.of(plainCases));
      assertThat(byClass(variant.classes()))
          .as("%s: report.json's classes[] of variant %s, against %s", matrix, name, alone)
          .isEqualTo(byClassName(plainCases));
      assertThat(
              matrix.surefireTestCases().stream()
                  .filter(t -> t.name().endsWith("[" + name + "]"))
                  .map(t -> withoutVariant(t, name))
                  .toList())
          .as(
              "%s: the Surefire testcases of variant %s (classname, name without [%s], outcome),"
                  + " against %s",
              matrix, name, name, alone)
          .containsExactlyInAnyOrderElementsOf(
              plainCases.stream().map(t -> withoutVariant(t, "")).toList());
    }
    assertThat(matrix.surefireTestCases())
        .as("%s: every testcase is one variant's, under its member class", matrix)
        .allSatisfy(
            t -> {
              assertThat(t.className()).startsWith("fixture.members.");
              assertThat(t.name()).matches(".*\\[jdk=(17|25)\\]");
            });
  }

  @Test
  void surefiresMethodPatternBesideTheSuiteClassKeepsThatMethodInEveryVariant() {
    JDKS.forEach(SuiteCountsIT::requireJdk);
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("suites", "suites-method")
            .withProperty("test", "MembersSuiteTest,AlphaCheck#adds")
            .run()
            .assertSucceeded();

    assertThat(build.surefireTestCases())
        .as("%s: the testcases", build)
        .extracting(t -> t.className() + " " + t.name())
        .containsExactlyInAnyOrder(
            "fixture.members.AlphaCheck adds()[jdk=17]",
            "fixture.members.AlphaCheck adds()[jdk=25]",
            // Surefire also picked AlphaCheck by its name: the host's Jupiter runs it, unvaried
            "fixture.members.AlphaCheck adds");
  }

  /**
   * The home of JDK {@code feature} as the engine finds it; skips, or under CI=true fails, without.
   */
  private static Path requireJdk(String feature) {
    Optional<Path> home;
    try {
      home = Optional.of(JdkLocator.forThisHost().locate(feature).home());
    } catch (JdkNotFoundException e) {
      home = Optional.empty();
    }
    HostRequirements.require(
        home.isPresent(),
        "JDK "
            + feature
            + " is not installed: the suite matrix runs on JDK 17 and 25, and plain Surefire on"
            + " each");
    return home.orElseThrow();
  }

  /**
   * A testcase as (classname, name, outcome), its name without the variant's suffix and without a
   * trailing {@code ()}: plain Surefire names a test method without parameters {@code adds}, a
   * variant's by its legacy name, {@code adds()[jdk=17]}, as in class matrices.
   */
  private static String withoutVariant(ReportedTestCase testCase, String variant) {
    String suffix = variant.isEmpty() ? "" : "[" + variant + "]";
    String name = testCase.name();
    name = name.substring(0, name.length() - suffix.length());
    if (name.endsWith("()")) {
      name = name.substring(0, name.length() - 2);
    }
    return testCase.className()
        + " "
        + name
        + " "
        + (testCase.outcome() == Outcome.ERROR ? Outcome.FAILED : testCase.outcome());
  }

  /**
   * The counts of Surefire's last {@code Tests run: …} line. (It merges tests of one suite that
   * share a method name, whatever their class; the fixture's members have none.)
   */
  private static Counts summary(FixtureResult build) {
    Matcher last = null;
    for (String line : build.console().split("\\R")) {
      Matcher m = SUMMARY.matcher(line);
      if (m.matches()) {
        last = m;
      }
    }
    assertThat(last).as("%s: Surefire's summary line", build).isNotNull();
    int run = Integer.parseInt(last.group(1));
    int failed = Integer.parseInt(last.group(2)) + Integer.parseInt(last.group(3));
    int skipped = Integer.parseInt(last.group(4));
    return new Counts(run - failed - skipped, failed, skipped);
  }

  /** report.json's {@code classes[]}, by class name. */
  private static Map<String, Counts> byClass(List<ReportedClass> classes) {
    Map<String, Counts> counts = new TreeMap<>();
    classes.forEach(c -> counts.put(c.name(), new Counts(c.passed(), c.failed(), c.skipped())));
    return counts;
  }

  /** Surefire's testcases, counted per {@code classname}. */
  private static Map<String, Counts> byClassName(List<ReportedTestCase> testCases) {
    Map<String, Counts> counts = new TreeMap<>();
    testCases.forEach(t -> counts.merge(t.className(), Counts.of(List.of(t)), Counts::plus));
    return counts;
  }

  /**
   * Tests by outcome, as Surefire counts them: failed is its failures plus errors, skipped counts
   * aborted tests, passed is the rest. Counted from the testcases: for a suite, Surefire's {@code
   * <testsuite>} element (the suite class's) says {@code tests="0"}.
   */
  private record Counts(int passed, int failed, int skipped) {
    static Counts of(List<ReportedTestCase> testCases) {
      int failed = 0;
      int skipped = 0;
      for (ReportedTestCase t : testCases) {
        switch (t.outcome()) {
          case FAILED, ERROR -> failed++;
          case SKIPPED -> skipped++;
          case PASSED -> {}
        }
      }
      return new Counts(testCases.size() - failed - skipped, failed, skipped);
    }

    Counts plus(Counts other) {
      return new Counts(passed + other.passed, failed + other.failed, skipped + other.skipped);
    }
  }
}
