package dev.containermatrix.backend.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers a registry's {@code Bearer} challenge with a token from the token service its {@code
 * realm} names, for the challenge's {@code service} and {@code scope}.
 *
 * <p>The registry's login goes with the token request only when the realm is on the registry's own
 * origin (scheme, host and port). A realm anywhere else is asked without a login, anonymously: the
 * challenge is the registry's to write, so honouring it with our login would let a registry send
 * that login to a host of its choosing. Public images still pull so; a token service elsewhere that
 * wants a login is refused with a message saying why.
 */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A token, and whether it was asked for without our login because the realm is elsewhere. */
  record Token(String authorization, boolean anonymousElsewhere) {}

  private final RegistryHttp http;
  private final URI registry;
  private final String host;
  private final Optional<String> basic;
  private final Path dockerConfig;

  /**
   * @param registry a URL of the registry, whose origin is the one the login may go to
   * @param basic the base64 {@code user:password} for the registry, if the Docker config has one
   */
  BearerTokens(
      RegistryHttp http, URI registry, String host, Optional<String> basic, Path dockerConfig) {
    this.http = http;
    this.registry = registry;
    this.host = host;
    this.basic = basic;
    this.dockerConfig = dockerConfig;
  }

  Token fetch(AuthChallenge challenge) throws IOException {
    String realm =
        challenge
            .parameter("realm")
            .orElseThrow(
                () ->
                    new ImageSourceException(
                        "Registry "
                            + host
                            + " sent a Bearer challenge without a realm: \""
                            + challenge.text()
                            + "\"; the registry's auth configuration"
                            + " is broken"));
    StringBuilder url = new StringBuilder(realm);
    String separator = realm.contains("?") ? "&" : "?";
    for (String key : new String[] {"service", "scope"}) {
      Optional<String> value = challenge.parameter(key);
      if (value.isPresent()) {
        url.append(separator)
            .append(key)
            .append('=')
            .append(URLEncoder.encode(value.get(), StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    URI uri;
    try {
      uri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw new ImageSourceException(
          "Registry "
              + host
              + " names a token service realm that is no URL: \""
              + realm
              + "\" (challenge \""
              + challenge.text()
              + "\"); the registry's auth configuration is broken",
          e);
    }
    boolean ownOrigin = RegistryHttp.sameOrigin(registry, uri);
    Optional<String> login = ownOrigin ? basic.map(b -> "Basic " + b) : Optional.empty();
    String service = "The token service " + realm + " of registry " + host;
    HttpResponse<InputStream> response =
        http.get(
            uri,
            "application/json",
            login,
            http.documentLimit(),
            "the token service of registry " + host);
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readAllBytes();
    }
    int status = response.statusCode();
    if ((status == 401 || status == 403) && !ownOrigin) {
      throw new ImageSourceException(
          service
              + " refused to give a token without a login (HTTP "
              + status
              + "); it is"
              + " not on "
              + registry.getScheme()
              + "://"
              + host
              + ", so the login for "
              + host
              + " is not sent to it: run the token service on the registry's own host and port, or"
              + " pull an image it gives without a login");
    }
    if ((status == 401 || status == 403) && basic.isEmpty()) {
      throw new ImageSourceException(
          service
              + " asks for a login, but "
              + dockerConfig
              + " has none for "
              + host
              + " (HTTP "
              + status
              + "): add one, e.g. with docker login "
              + host);
    }
    if (status == 401 || status == 403) {
      throw new ImageSourceException(
          service
              + " refused the login for "
              + host
              + " in "
              + dockerConfig
              + " (HTTP "
              + status
              + "): correct it there, e.g. with docker login "
              + host);
    }
    if (status != 200) {
      throw new ImageSourceException(
          service
              + " answered HTTP "
              + status
              + " to "
              + uri
              + ": check that the token service works");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new ImageSourceException(
          service
              + " answered with no JSON document: "
              + e.getMessage()
              + "; check that "
              + realm
              + " is a Docker token service",
          e);
    }
    String value = json == null ? "" : json.path("token").asText("");
    if (value.isEmpty() && json != null) {
      value = json.path("access_token").asText("");
    }
    if (value.isEmpty()) {
      throw new ImageSourceException(
          service
              + " returned no token (neither \"token\" nor \"access_token\")"
              + ": check that "
              + realm
              + " is a Docker token service");
    }
    return new Token("Bearer " + value, !ownOrigin);
  }
}
