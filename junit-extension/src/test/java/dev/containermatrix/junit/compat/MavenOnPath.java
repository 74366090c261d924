package dev.containermatrix.junit.compat;

import dev.containermatrix.backend.HostRequirements;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code mvn} that runs the fixture builds: the first on {@code PATH}, as a user's shell finds
 * it.
 */
final class MavenOnPath {
  private MavenOnPath() {}

  /**
   * The {@code mvn} on {@code PATH}; skips the calling test where there is none, but fails it under
   * {@code CI=true}, where the build that runs these tests is itself Maven.
   */
  static Path require() {
    Optional<Path> mvn = find(System.getenv().getOrDefault("PATH", ""));
    HostRequirements.require(
        mvn.isPresent(),
        "mvn is not on PATH; the compatibility tests run real child Maven builds of the fixtures in"
            + " src/it");
    return mvn.orElseThrow();
  }

  static Optional<Path> find(String path) {
    return Stream.of(path.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry, "mvn"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
