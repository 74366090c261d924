package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One include or exclude entry: axis name (or, for includes, any extra key) to value label.
 *
 * @param values ordered as written; never empty
 */
@API(status = INTERNAL, since = "0.1")
public record ValueSelector(Map<String, String> values, Origin origin) {
  public ValueSelector {
    Objects.requireNonNull(origin, "origin");
    if (values.isEmpty()) {
      throw new MatrixDefinitionException(
          origin,
          "an include, exclude or allowFailures entry is empty; give it at least one 'axis=value'");
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The entry as {@code axis=value} terms joined by {@code ,}, e.g. {@code jdk=26,tz=utc}. */
  public String text() {
    StringBuilder text = new StringBuilder();
    values.forEach(
        (k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return text.toString();
  }

  /** Parses {@code axis=value} strings as the annotations write them. */
  public static ValueSelector parse(String[] pairs, Origin origin) {
    return new ValueSelector(ConfigProfile.parsePairs(pairs, origin), origin);
  }
}
