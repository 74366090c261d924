package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A JDK on this host.
 *
 * @param home its home folder, absolute and with symlinks resolved
 * @param feature its feature version: 8 for 1.8.0_392, 17 for 17.0.15
 * @param version {@code JAVA_VERSION} from its {@code release} file
 */
@API(status = INTERNAL, since = "0.1")
public record Jdk(Path home, int feature, String version) {
  public Jdk {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(version, "version");
    if (!home.isAbsolute()) {
      throw new IllegalArgumentException("a JDK home must be absolute, was " + home);
    }
    if (feature < 1) {
      throw new IllegalArgumentException(
          "a JDK feature version is positive, was " + feature + " for " + home);
    }
  }

  /** {@code home/bin/java}. */
  public Path java() {
    return home.resolve("bin").resolve("java");
  }
}
