package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * How a variant learns who it is: three environment variables set by the host and read inside the
 * container by {@code Variant}.
 *
 * @param values axis name to value, in the variant's order
 */
@API(status = INTERNAL, since = "0.1")
public record VariantEnvironment(String id, String name, Map<String, String> values) {
  public static final String ID = "CONTAINERMATRIX_VARIANT_ID";
  public static final String NAME = "CONTAINERMATRIX_VARIANT_NAME";
  public static final String VALUES = "CONTAINERMATRIX_VARIANT_VALUES";

  public VariantEnvironment {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The three variables. */
  public Map<String, String> toEnvironment() {
    StringJoiner encoded = new StringJoiner("&");
    values.forEach((k, v) -> encoded.add(encode(k) + "=" + encode(v)));
    return Map.of(ID, id, NAME, name, VALUES, encoded.toString());
  }

  /** Reads the variables back; empty when this process is not a variant. */
  public static Optional<VariantEnvironment> fromEnvironment(Map<String, String> env) {
    String id = env.get(ID);
    if (id == null) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    String encoded = env.getOrDefault(VALUES, "");
    for (String pair : encoded.isEmpty() ? new String[0] : encoded.split("&")) {
      int eq = pair.indexOf('=');
      values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return Optional.of(new VariantEnvironment(id, env.getOrDefault(NAME, ""), values));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
