package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which variants to run, from the {@code containermatrix.variants} configuration parameter (also
 * the part after {@code #} of {@code containermatrix.replay}).
 *
 * <p>The text is terms joined by {@code ,}, all of which must hold: {@code axis=value} (also
 * matches include extras, and {@code base=host} matches variants on the default base), or a
 * 12-digit variant id such as {@code 3fa94c01b2de}. A blank text selects every variant.
 */
@API(status = INTERNAL, since = "0.1")
public final class VariantFilter implements Predicate<VariantDefinition> {
  /** The configuration parameter this filter is read from. */
  public static final String KEY = "containermatrix.variants";

  private static final Pattern ID = Pattern.compile("[0-9a-f]{12}");
  private static final VariantFilter ALL = new VariantFilter(Map.of(), Optional.empty());

  private final Map<String, String> values;
  private final Optional<String> id;

  private VariantFilter(Map<String, String> values, Optional<String> id) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.id = id;
  }

  /** Selects every variant. */
  public static VariantFilter all() {
    return ALL;
  }

  /**
   * Parses {@code jdk=25,tz=utc} or {@code 3fa94c01b2de}; surrounding spaces are ignored.
   *
   * @throws IllegalArgumentException naming {@value #KEY}, the bad term and the expected form, when
   *     a term is malformed or the terms contradict each other
   */
  public static VariantFilter parse(String text) {
    if (text.isBlank()) {
      return ALL;
    }
    Map<String, String> values = new LinkedHashMap<>();
    Optional<String> id = Optional.empty();
    for (String raw : text.split(",", -1)) {
      String term = raw.trim();
      int eq = term.indexOf('=');
      if (eq < 0 && ID.matcher(term).matches()) {
        if (id.isPresent() && !id.get().equals(term)) {
          throw contradiction(term, "variant ids '" + id.get() + "' and '" + term + "'");
        }
        id = Optional.of(term);
      } else if (eq > 0 && eq < term.length() - 1 && term.indexOf('=', eq + 1) < 0) {
        String key = term.substring(0, eq).trim();
        String value = term.substring(eq + 1).trim();
        String earlier = values.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
          throw contradiction(term, "'" + key + "=" + earlier + "' and '" + term + "'");
        }
      } else {
        throw new IllegalArgumentException(
            KEY
                + ": term '"
                + term
                + "' of '"
                + text
                + "' is malformed; write axis=value terms joined by ','"
                + " (like jdk=25,tz=utc) or a 12-digit variant id (like 3fa94c01b2de)");
      }
    }
    return new VariantFilter(values, id);
  }

  private static IllegalArgumentException contradiction(String term, String both) {
    return new IllegalArgumentException(
        KEY
            + ": term '"
            + term
            + "' contradicts an earlier one: ',' means and, so no variant has both "
            + both
            + "; keep one, or run once for each");
  }

  /** True when the variant satisfies every term. */
  @Override
  public boolean test(VariantDefinition variant) {
    if (id.isPresent() && !id.get().equals(variant.id())) {
      return false;
    }
    return values.entrySet().stream().allMatch(e -> variant.matches(e.getKey(), e.getValue()));
  }

  /** True when this filter selects every variant. */
  public boolean selectsAll() {
    return values.isEmpty() && id.isEmpty();
  }

  /** The axes its {@code axis=value} terms name, in the order written. */
  public Set<String> axes() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
  }

  /** The filter in the form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(id.orElse(""));
    values.forEach(
        (k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return text.toString();
  }
}
