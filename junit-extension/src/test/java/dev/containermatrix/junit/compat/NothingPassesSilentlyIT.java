package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A newcomer who gets a configuration value or the variant filter wrong is told so in the console
 * of a real {@code mvn verify}, and the build fails: the message is not only in a Surefire dump
 * file, and the build does not pass with nothing run.
 */
class NothingPassesSilentlyIT {
  private static final String MATRIX = "fixture.JunitVersionMatrixTest";

  @Test
  void aBadConfigurationValueFailsTheBuildWithItsMessageInTheConsole() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("junit-5.10", "junit-5.10-bad-parallelism")
            .withProperty("containermatrix.parallelism", "0")
            .run()
            .assertFailed();

    assertThat(build.console())
        .as("%s: the console", build)
        .contains(
            "Configuration parameter containermatrix.parallelism='0' is not a positive whole"
                + " number; set it to the most variants to run at once, e.g. 2")
        .doesNotContain("failed to discover tests");
  }

  @Test
  void aMisspelledVariantFilterFailsTheBuildNamingTheAxisAndListingTheVariants() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("junit-5.10", "junit-5.10-misspelled-filter")
            .withProperty("containermatrix.variants", "sdie=left")
            .run()
            .assertFailed();

    assertThat(build.console())
        .as("%s: the console", build)
        .contains(
            "Configuration parameter containermatrix.variants='sdie=left' matches no variant of "
                + MATRIX
                + ", so nothing would run: it has no axis 'sdie' (its axes are side, base). Its 2"
                + " variants are: side=left (")
        .doesNotContain(
            "Tests run: 0, Failures: 0, Errors: 0, Skipped: 0\n[INFO] \n[INFO] BUILD SUCCESS");
    assertThat(build.report().runs()).as("%s: report.json is this run's", build).hasSize(1);
  }
}
