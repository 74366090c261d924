package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * How a variant learns who it is: three environment variables set by the host and read inside the
 * container by the agent jar's {@code dev.containermatrix.junit.agent.VariantVariables}
 * (junit-extension's VariantVariablesTest reads back what this writes).
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

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
