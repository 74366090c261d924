package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a piece of a matrix definition came from, so that an error can point at it: a file and line
 * and key for YAML, or an annotation and attribute on a class.
 *
 * @param description never blank, e.g. {@code matrix/json.yaml, line 4, key 'versions'} or
 *     {@code @LibraryAxis(artifact = "g:a").versions on com.example.FooTest}
 */
@API(status = INTERNAL, since = "0.1")
public record Origin(String description) {
  public Origin {
    Objects.requireNonNull(description, "description");
    if (description.isBlank()) {
      throw new IllegalArgumentException("an Origin needs a description");
    }
  }

  /** A location in a YAML file. */
  public static Origin yaml(String file, int line, String key) {
    return new Origin(file + ", line " + line + ", key '" + key + "'");
  }

  /** An attribute of an annotation on a class. */
  public static Origin annotation(String annotation, String attribute, String className) {
    return new Origin(annotation + "." + attribute + " on " + className);
  }

  @Override
  public String toString() {
    return description;
  }
}
