package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A config file placed inside a variant.
 *
 * @param source a test-classpath resource, or else a path relative to the module's base directory
 * @param target an absolute path inside the variant
 */
@API(status = INTERNAL, since = "0.1")
public record ConfigFile(String source, String target, Origin origin) {
  public ConfigFile {
    Objects.requireNonNull(origin, "origin");
    if (source == null || source.isBlank()) {
      throw new MatrixDefinitionException(
          origin, "a config file needs a source, as in 'conf/app.yaml -> /etc/app/app.yaml'");
    }
    if (target == null || !target.startsWith("/")) {
      throw new MatrixDefinitionException(
          origin,
          "config file target '"
              + target
              + "' must be an absolute path inside the variant, such as /etc/app/app.yaml");
    }
  }

  /** Parses {@code "source -> /absolute/target"}. */
  public static ConfigFile parse(String mapping, Origin origin) {
    int arrow = mapping.indexOf("->");
    if (arrow < 0) {
      throw new MatrixDefinitionException(
          origin, "file mapping '" + mapping + "' must read 'source -> /absolute/target'");
    }
    return new ConfigFile(
        mapping.substring(0, arrow).trim(), mapping.substring(arrow + 2).trim(), origin);
  }
}
