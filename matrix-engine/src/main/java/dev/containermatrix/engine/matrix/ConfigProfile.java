package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/** One named configuration: environment variables, system properties and files. */
@API(status = INTERNAL, since = "0.1")
public record ConfigProfile(
    String name,
    Map<String, String> env,
    Map<String, String> systemProperties,
    List<ConfigFile> files,
    Origin origin) {

  public ConfigProfile {
    Objects.requireNonNull(origin, "origin");
    if (name == null || name.isBlank()) {
      throw new MatrixDefinitionException(
          origin, "a config value needs a name, e.g. name = \"utc\"");
    }
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
    files = List.copyOf(files);
    for (String key : env.keySet()) {
      if (key.isBlank() || key.contains("=")) {
        throw new MatrixDefinitionException(
            origin, "environment variable name '" + key + "' is empty or contains '='");
      }
    }
    for (String key : systemProperties.keySet()) {
      if (key.isBlank()) {
        throw new MatrixDefinitionException(origin, "a system property name is empty");
      }
    }
  }

  /**
   * Parses {@code KEY=value} pairs as annotations write them.
   *
   * @throws MatrixDefinitionException when an entry has no '='
   */
  public static Map<String, String> parsePairs(String[] pairs, Origin origin) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new MatrixDefinitionException(origin, "'" + pair + "' must read 'NAME=value'");
      }
      String key = pair.substring(0, eq).trim();
      if (map.put(key, pair.substring(eq + 1)) != null) {
        throw new MatrixDefinitionException(origin, "'" + key + "' is set twice");
      }
    }
    return map;
  }
}
