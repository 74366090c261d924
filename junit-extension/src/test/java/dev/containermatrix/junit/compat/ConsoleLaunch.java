package dev.containermatrix.junit.compat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the JUnit console launcher on a fixture that {@code console-launcher}'s build prepared
 * (its compiled tests, {@code target/test-classpath.txt} and {@code
 * target/console/junit-platform-console-standalone.jar}), started as a user starts it, in the
 * fixture's copy. Its legacy XML reports go to {@code target/console-reports/<form>}, its
 * report.json to {@code target/containermatrix-<form>}, its output to {@code
 * it-logs/<copy>-<form>.log}.
 */
final class ConsoleLaunch {
  /** Generous: a run takes seconds; this only ends a hung one. */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** The two ways to start the launcher. */
  enum Form {
    /**
     * {@code java -cp <test classes>:<test classpath> org.junit.platform.console.ConsoleLauncher
     * execute …}.
     */
    CLASS_PATH("java -cp … ConsoleLauncher", "class-path"),
    /**
     * {@code java -jar junit-platform-console-standalone.jar execute --class-path <test
     * classes>:<test classpath> …}.
     */
    STANDALONE_JAR("java -jar …standalone.jar --class-path …", "standalone-jar");

    private final String description;
    private final String directoryName;

    Form(String description, String directoryName) {
      this.description = description;
      this.directoryName = directoryName;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  private ConsoleLaunch() {}

  /**
   * Runs the launcher in {@code form} on test class {@code testClass} of {@code build}, to its end.
   */
  static ConsoleRun run(FixtureResult build, Form form, String testClass) {
    Path copy = build.copy();
    Path reports = copy.resolve("target/console-reports").resolve(form.directoryName);
    Path log = build.log().resolveSibling(copy.getFileName() + "-" + form.directoryName + ".log");
    Path matrixReports = copy.resolve("target/containermatrix-" + form.directoryName);
    List<String> command = command(build, form, testClass, reports, matrixReports);
    try {
      Process process = ProcessLog.start(command, copy, log);
      try {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          ProcessTree.destroy(process);
          return new ConsoleRun(
              build.fixture(), form, copy, log, reports, matrixReports, ConsoleRun.KILLED);
        }
      } catch (InterruptedException e) {
        ProcessTree.destroy(process);
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while the console launcher ran " + testClass + " in " + copy, e);
      }
      return new ConsoleRun(
          build.fixture(), form, copy, log, reports, matrixReports, process.exitValue());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the console launcher (" + form + ") in " + copy + ", log " + log, e);
    }
  }

  private static List<String> command(
      FixtureResult build, Form form, String testClass, Path reports, Path matrixReports) {
    Path copy = build.copy();
    String classPath =
        copy.resolve("target/test-classes") + File.pathSeparator + testClasspath(build);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // archived inside the copy, as the fixture's Maven builds are; one report.json per form
    command.add("-Dcontainermatrix.archive.dir=" + FixtureBuild.archiveDirectory(copy));
    command.add("-Dcontainermatrix.report.dir=" + matrixReports);
    switch (form) {
      case CLASS_PATH ->
          command.addAll(
              List.of("-cp", classPath, "org.junit.platform.console.ConsoleLauncher", "execute"));
      case STANDALONE_JAR ->
          command.addAll(
              List.of(
                  "-jar",
                  copy.resolve("target/console/junit-platform-console-standalone.jar").toString(),
                  "execute",
                  "--class-path",
                  classPath));
    }
    command.addAll(
        List.of(
            "--disable-banner",
            "--disable-ansi-colors",
            "--details=tree",
            "--select-class",
            testClass,
            "--reports-dir",
            reports.toString()));
    return command;
  }

  /** The fixture's test classpath as its build wrote it, {@code target/test-classpath.txt}. */
  private static String testClasspath(FixtureResult build) {
    Path file = build.copy().resolve("target/test-classpath.txt");
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          build
              + " wrote no test classpath to "
              + file
              + "; its pom's maven-dependency-plugin build-classpath execution writes it",
          e);
    }
  }
}
