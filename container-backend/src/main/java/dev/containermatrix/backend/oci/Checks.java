package dev.containermatrix.backend.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The checks the documents' compact constructors share. They throw plain {@link
 * IllegalArgumentException}s that name the field, for {@link OciDocuments#read} to place.
 */
final class Checks {

  private Checks() {}

  static String text(@Nullable String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("has no \"" + field + "\" string");
    }
    return value;
  }

  static <T> T present(@Nullable T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("has no " + what);
    }
    return value;
  }

  /** An unmodifiable copy, {@code []} for {@code null}; refuses {@code null} elements. */
  static <T> List<T> list(@Nullable List<T> values, String field) {
    if (values == null) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(values.size());
    for (T value : values) {
      if (value == null) {
        throw new IllegalArgumentException("has a null in \"" + field + "\"");
      }
      copy.add(value);
    }
    return Collections.unmodifiableList(copy);
  }

  /** An unmodifiable copy in the given order, {@code {}} for {@code null}. */
  static Map<String, String> ordered(@Nullable Map<String, String> values, String field) {
    return Collections.unmodifiableMap(copyInto(new LinkedHashMap<>(), values, field));
  }

  /** An unmodifiable copy sorted by key, {@code {}} for {@code null}. */
  static Map<String, String> sorted(@Nullable Map<String, String> values, String field) {
    return Collections.unmodifiableMap(copyInto(new TreeMap<>(), values, field));
  }

  private static Map<String, String> copyInto(
      Map<String, String> into, @Nullable Map<String, String> values, String field) {
    if (values != null) {
      values.forEach(
          (key, value) -> {
            if (key == null || value == null) {
              throw new IllegalArgumentException("has a null in \"" + field + "\"");
            }
            into.put(key, value);
          });
    }
    return into;
  }
}
