package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A variant's classpath and what changed from the host's.
 *
 * @param entries the classpath, in order
 * @param replaced one line per artifact whose version changed, like {@code
 *     com.fasterxml.jackson.core:jackson-databind 2.23.0 -> 2.21.3}, in classpath order
 */
@API(status = INTERNAL, since = "0.1")
public record ComposedClasspath(List<Path> entries, List<String> replaced) {
  public ComposedClasspath {
    entries = List.copyOf(entries);
    replaced = List.copyOf(replaced);
  }
}
