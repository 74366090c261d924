package dev.containermatrix.backend.image;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge of a registry, e.g. {@code Bearer
 * realm="https://auth.example.com/token",service="registry",scope="repository:app:pull"}.
 *
 * @param text the header as the registry sent it, for messages
 * @param scheme {@code basic}, {@code bearer} or whatever else, lower case
 * @param parameters the {@code name=value} pairs, names in lower case
 */
record AuthChallenge(String text, String scheme, Map<String, String> parameters) {
  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^\\s,\"]*))");

  AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  static AuthChallenge parse(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = PARAMETER.matcher(space < 0 ? "" : trimmed.substring(space + 1));
    while (matcher.find()) {
      parameters.putIfAbsent(
          matcher.group(1).toLowerCase(Locale.ROOT),
          matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
    }
    return new AuthChallenge(header, scheme, parameters);
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
