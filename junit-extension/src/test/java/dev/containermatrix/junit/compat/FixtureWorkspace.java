package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the fixture builds of one test JVM run, all under this module's {@code target/}: {@code
 * it-repo} (their local repository, holding the reactor's artifacts), {@code it-settings.xml},
 * {@code it-work/<copy>} (each fixture's copy) and {@code it-logs/<copy>.log}. Prepared once per
 * JVM; the repository outlives it, so later runs download nothing again.
 */
final class FixtureWorkspace {
  private static FixtureWorkspace prepared;

  private final Path mvn;
  private final Reactor reactor;
  private final Path fixtures;
  private final Path repository;
  private final Path settings;
  private final Path work;
  private final Path logs;

  private FixtureWorkspace(Path mvn, Reactor reactor, Path module) {
    Path target = module.resolve("target");
    this.mvn = mvn;
    this.reactor = reactor;
    this.fixtures = module.resolve("src/it");
    this.repository = target.resolve("it-repo");
    this.settings = target.resolve("it-settings.xml");
    this.work = target.resolve("it-work");
    this.logs = target.resolve("it-logs");
  }

  /**
   * The workspace, prepared on first use: the reactor installed into {@code it-repo}, the settings
   * written. Skips (or, under {@code CI=true}, fails) the calling test where {@code mvn} is
   * missing.
   */
  static synchronized FixtureWorkspace prepare() {
    Path mvn = MavenOnPath.require();
    if (prepared == null) {
      // Surefire and Failsafe set basedir to the module; an IDE runs tests in it
      Path module =
          Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
      FixtureWorkspace workspace = new FixtureWorkspace(mvn, Reactor.ofModule(module), module);
      try {
        ReactorInstall.into(workspace.reactor, workspace.repository);
        ChildSettings.write(workspace.settings, userRepository());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot prepare the fixture builds under " + module.resolve("target"), e);
      }
      prepared = workspace;
    }
    return prepared;
  }

  /**
   * The local repository of the build that runs these tests (Failsafe passes it), else
   * ~/.m2/repository.
   */
  private static Path userRepository() {
    String passed = System.getProperty("containermatrix.it.userRepository", "");
    return passed.isBlank() || passed.startsWith("${")
        ? Path.of(System.getProperty("user.home"), ".m2", "repository")
        : Path.of(passed);
  }

  /** A build of fixture {@code src/it/<fixture>} in its own copy, {@code it-work/<fixture>}. */
  FixtureBuild fixture(String fixture) {
    return fixture(fixture, fixture);
  }

  /**
   * A build of fixture {@code src/it/<fixture>} in the copy {@code it-work/<copy>}, logged to
   * {@code it-logs/<copy>.log}.
   */
  FixtureBuild fixture(String fixture, String copy) {
    Path source = fixtures.resolve(fixture);
    if (!Files.isRegularFile(source.resolve("pom.xml"))) {
      throw new IllegalArgumentException(
          "no fixture " + fixture + ": " + source + " has no pom.xml");
    }
    return new FixtureBuild(
        fixture,
        source,
        work.resolve(copy),
        logs.resolve(copy + ".log"),
        mvn,
        settings,
        repository,
        reactor.version());
  }
}
