package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fixture build that has ended, with what it left in its copy's {@code target/}.
 *
 * @param fixture the fixture's name, its folder in {@code src/it}
 * @param copy the directory the build ran in
 * @param log the build's output
 * @param exitCode {@code mvn}'s exit code, or {@link #KILLED}
 */
record FixtureResult(String fixture, Path copy, Path log, int exitCode) {
  /** The exit code of a build killed after {@link FixtureBuild#TIMEOUT}. */
  static final int KILLED = -1;

  private static final int TAIL_LINES = 80;

  /** Fails, with the end of the log, unless {@code mvn verify} exited 0. */
  FixtureResult assertSucceeded() {
    if (exitCode == KILLED) {
      fail(
          "%s: mvn verify did not finish within %s and was killed, with its child processes; the"
              + " last %d lines of its log:%n%s",
          this, FixtureBuild.TIMEOUT, TAIL_LINES, tail());
    }
    if (exitCode != 0) {
      fail(
          "%s: mvn verify exited %d; the last %d lines of its log:%n%s",
          this, exitCode, TAIL_LINES, tail());
    }
    return this;
  }

  /** Fails unless {@code mvn verify} ended with a failure (not killed). */
  FixtureResult assertFailed() {
    if (exitCode == 0 || exitCode == KILLED) {
      fail(
          "%s: mvn verify %s, but it was to fail; the last %d lines of its log:%n%s",
          this, exitCode == 0 ? "succeeded" : "was killed", TAIL_LINES, tail());
    }
    return this;
  }

  /** The whole log: what the console showed. */
  String console() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of fixture " + fixture + ": " + log, e);
    }
  }

  /** The testcases of {@code target/surefire-reports}. */
  List<ReportedTestCase> surefireTestCases() {
    return ReportedTestCase.readAll(copy.resolve("target/surefire-reports"));
  }

  /** The testcases of {@code target/failsafe-reports}. */
  List<ReportedTestCase> failsafeTestCases() {
    return ReportedTestCase.readAll(copy.resolve("target/failsafe-reports"));
  }

  /** The build's {@code target/containermatrix/report.json}. */
  MatrixReport report() {
    return MatrixReport.written(copy.resolve("target/containermatrix/report.json"), this);
  }

  /** The last lines of the log. */
  String tail() {
    return ProcessLog.tail(log, TAIL_LINES, "fixture " + fixture);
  }

  /** Names the fixture, its copy and its log, for failure messages. */
  @Override
  public String toString() {
    return "fixture " + fixture + " (built in " + copy + ", log " + log + ")";
  }
}
