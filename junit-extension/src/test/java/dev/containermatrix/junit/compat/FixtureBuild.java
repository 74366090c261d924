package dev.containermatrix.junit.compat;

import dev.containermatrix.backend.rundir.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One child build of a fixture: the fixture copied afresh into its own directory, then {@code mvn
 * verify} run there as a child process with the workspace's settings and local repository, its
 * output in a log file.
 */
final class FixtureBuild {
  /**
   * Where the tests of a fixture without a {@code src/} of its own are (the BOM fixtures share
   * them).
   */
  static final String SHARED_TESTS = "bom-tests";

  /** Generous: a fixture build takes seconds; this only ends a hung one. */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final String fixture;
  private final Path source;
  private final Path copy;
  private final Path log;
  private final List<String> command;
  private final Map<String, String> environment;

  FixtureBuild(
      String fixture,
      Path source,
      Path copy,
      Path log,
      Path mvn,
      Path settings,
      Path repository,
      String containerMatrixVersion) {
    this(
        fixture,
        source,
        copy,
        log,
        List.of(
            mvn.toString(),
            "-B",
            "--no-transfer-progress",
            "-Dstyle.color=never",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + repository,
            "-Dcontainermatrix.version=" + containerMatrixVersion,
            // the fixture's runs are archived inside its copy, not in ~/.containermatrix/archive
            "-Dcontainermatrix.archive.dir=" + archiveDirectory(copy),
            "verify"),
        Map.of());
  }

  private FixtureBuild(
      String fixture,
      Path source,
      Path copy,
      Path log,
      List<String> command,
      Map<String, String> environment) {
    this.fixture = fixture;
    this.source = source;
    this.copy = copy;
    this.log = log;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  /** Where the runs of a fixture built in {@code copy} are archived: inside the copy. */
  static Path archiveDirectory(Path copy) {
    return copy.resolve("target/containermatrix-archive");
  }

  /**
   * This build with the user property {@code -Dkey=value} added, such as the JUnit version the
   * fixture's pom takes.
   */
  FixtureBuild withProperty(String key, String value) {
    List<String> withProperty = new ArrayList<>(command);
    withProperty.add(withProperty.size() - 1, "-D" + key + "=" + value);
    return new FixtureBuild(fixture, source, copy, log, withProperty, environment);
  }

  /**
   * This build with profile {@code id} activated ({@code -P id}), which turns off the pom's
   * profiles that are active by default.
   */
  FixtureBuild withProfile(String id) {
    List<String> withProfile = new ArrayList<>(command);
    withProfile.add(withProfile.size() - 1, "-P" + id);
    return new FixtureBuild(fixture, source, copy, log, withProfile, environment);
  }

  /** This build run by the JDK in {@code home}: Maven, and so Surefire's forks, run on it. */
  FixtureBuild withJavaHome(Path home) {
    Map<String, String> withJavaHome = new HashMap<>(environment);
    withJavaHome.put("JAVA_HOME", home.toString());
    return new FixtureBuild(fixture, source, copy, log, command, withJavaHome);
  }

  /** Runs the build to its end; see {@link #start()}. */
  FixtureResult run() {
    return start().finish();
  }

  /** Copies the fixture into a fresh directory and starts {@code mvn verify} there. */
  Started start() {
    try {
      RunDirectory.deleteRecursively(copy);
      if (!Files.isDirectory(source.resolve("src"))) {
        // the BOM fixtures differ only in their pom.xml: their tests are written once, in
        // bom-tests/
        copyRecursively(source.resolveSibling(SHARED_TESTS).resolve("src"), copy.resolve("src"));
      }
      copyRecursively(source, copy);
      // Maven looks upwards for .mvn/ (jvm.config, maven.config) to find the project's root: stop
      // it at the copy
      Files.createDirectories(copy.resolve(".mvn"));
      Process process = ProcessLog.start(command, environment, copy, log);
      return new Started(process);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the build of fixture " + fixture + " in " + copy, e);
    }
  }

  /** A build that is running. */
  final class Started {
    private final Process process;

    private Started(Process process) {
      this.process = process;
    }

    /**
     * Waits for the build to end. A build still running after {@link #TIMEOUT} is killed, with
     * every process it started, and its result says so ({@link FixtureResult#KILLED}).
     */
    FixtureResult finish() {
      try {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          ProcessTree.destroy(process);
          return new FixtureResult(fixture, copy, log, FixtureResult.KILLED);
        }
        return new FixtureResult(fixture, copy, log, process.exitValue());
      } catch (InterruptedException e) {
        ProcessTree.destroy(process);
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for the build of fixture " + fixture, e);
      }
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
