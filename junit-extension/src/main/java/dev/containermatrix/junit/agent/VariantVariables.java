package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Who this variant is, read inside its JVM from the three environment variables the host set
 * ({@code dev.containermatrix.engine.plan.VariantEnvironment} writes them). The agent jar carries
 * this reader so that a variant needs no jar of the host's engine.
 *
 * @param values axis name to value, in the variant's order
 */
@API(status = INTERNAL, since = "0.1")
public record VariantVariables(String id, String name, Map<String, String> values) {
  public static final String ID = "CONTAINERMATRIX_VARIANT_ID";
  public static final String NAME = "CONTAINERMATRIX_VARIANT_NAME";
  public static final String VALUES = "CONTAINERMATRIX_VARIANT_VALUES";

  public VariantVariables {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The variables of {@code environment}; empty when this process is not a variant. */
  public static Optional<VariantVariables> read(Map<String, String> environment) {
    String id = environment.get(ID);
    if (id == null) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    String encoded = environment.getOrDefault(VALUES, "");
    for (String pair : encoded.isEmpty() ? new String[0] : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalStateException(
            "The environment variable "
                + VALUES
                + " holds \""
                + encoded
                + "\", whose part \""
                + pair
                + "\" is not name=value; it is set by the ContainerMatrix host, so run this test"
                + " through the container-matrix engine rather than setting it by hand");
      }
      values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return Optional.of(new VariantVariables(id, environment.getOrDefault(NAME, ""), values));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
