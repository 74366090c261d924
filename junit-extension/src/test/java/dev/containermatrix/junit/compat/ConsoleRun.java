package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

/**
 * A console launcher run that has ended.
 *
 * @param fixture the fixture whose tests it ran
 * @param form how the launcher was started
 * @param copy the directory it ran in
 * @param log its output
 * @param reports its {@code --reports-dir}
 * @param matrixReports its {@code containermatrix.report.dir}, where report.json is
 * @param exitCode the launcher's exit code, or {@link #KILLED}
 */
record ConsoleRun(
    String fixture,
    ConsoleLaunch.Form form,
    Path copy,
    Path log,
    Path reports,
    Path matrixReports,
    int exitCode) {
  /** The exit code of a run killed after {@link ConsoleLaunch#TIMEOUT}. */
  static final int KILLED = -1;

  private static final int TAIL_LINES = 80;

  /** Fails, with the end of the log, unless the launcher exited 0 (every test it ran passed). */
  ConsoleRun assertSucceeded() {
    if (exitCode == KILLED) {
      fail(
          "%s did not finish within %s and was killed; the last %d lines of its log:%n%s",
          this, ConsoleLaunch.TIMEOUT, TAIL_LINES, tail());
    }
    if (exitCode != 0) {
      fail("%s exited %d; the last %d lines of its log:%n%s", this, exitCode, TAIL_LINES, tail());
    }
    return this;
  }

  /** The testcases of the legacy XML reports in {@link #reports()}, one file per engine. */
  List<ReportedTestCase> testCases() {
    return ReportedTestCase.readAll(reports);
  }

  /** The report.json of this run. */
  MatrixReport report() {
    return MatrixReport.written(matrixReports.resolve("report.json"), this);
  }

  String tail() {
    return ProcessLog.tail(log, TAIL_LINES, "the console launcher run");
  }

  /** Names the fixture, the form, the copy and the log, for failure messages. */
  @Override
  public String toString() {
    return "the console launcher ("
        + form
        + ") on fixture "
        + fixture
        + " (in "
        + copy
        + ", log "
        + log
        + ")";
  }
}
