package dev.containermatrix.backend.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaks the OCI distribution API to one repository: GETs and HEADs with the credentials of
 * {@code ~/.docker/config.json} for its host. A {@code 401} with a {@code Basic} challenge is
 * answered with those credentials; one with a {@code Bearer} challenge gets a token from the realm
 * it names (with the credentials, if any) and retries with it.
 */
final class RegistryClient {
  static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^\\s,\"]*))");

  private final RegistryCoordinates coordinates;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(20)).build();
  private final Path dockerConfig;
  private final Optional<String> basic;
  private volatile Optional<String> authorization = Optional.empty();

  /** @throws ImageSourceException naming {@code dockerConfig} if it exists but is not a readable JSON file */
  RegistryClient(RegistryCoordinates coordinates, Path dockerConfig) throws ImageSourceException {
    this.coordinates = coordinates;
    this.dockerConfig = dockerConfig;
    this.basic = credentials(dockerConfig, coordinates.host());
  }

  /** GETs {@code path} below {@code /v2/<name>/}; a status other than 200 is thrown naming the URL. */
  HttpResponse<InputStream> get(String path, String accept) throws IOException {
    return send(path, "GET", accept);
  }

  HttpResponse<InputStream> head(String path, String accept) throws IOException {
    return send(path, "HEAD", accept);
  }

  private HttpResponse<InputStream> send(String path, String method, String accept) throws IOException {
    URI uri = URI.create(coordinates.base() + "/" + path);
    HttpResponse<InputStream> response = exchange(uri, method, accept);
    if (response.statusCode() == 401) {
      response.body().close();
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
      authorization = Optional.of(authorize(challenge, uri));
      response = exchange(uri, method, accept);
      if (response.statusCode() == 401) {
        response.body().close();
        throw refusedAfterLogin(uri, response.headers().firstValue("WWW-Authenticate").orElse(challenge));
      }
    }
    return response;
  }

  private HttpResponse<InputStream> exchange(URI uri, String method, String accept) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageSourceException("Interrupted while asking " + uri);
    } catch (IOException e) {
      throw new ImageSourceException("Cannot reach registry " + coordinates.host() + " at " + uri + ": " + e
          + "; check the reference and that the registry runs", e);
    }
  }

  private String authorize(String challenge, URI uri) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = PARAMETER.matcher(challenge);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT),
          matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
    }
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return basic.map(b -> "Basic " + b).orElseThrow(() -> new ImageSourceException("Registry " + coordinates.host()
          + " asks for a login (" + uri + "), but " + dockerConfig + " has none for " + coordinates.host()
          + ": add one, e.g. with docker login " + coordinates.host()));
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6) || !parameters.containsKey("realm")) {
      throw new ImageSourceException("Registry " + coordinates.host() + " refused " + uri + " with a challenge we"
          + " cannot answer: \"" + challenge + "\"");
    }
    String realm = parameters.get("realm");
    StringBuilder token = new StringBuilder(realm);
    String separator = token.indexOf("?") >= 0 ? "&" : "?";
    for (String key : new String[] {"service", "scope"}) {
      if (parameters.containsKey(key)) {
        token.append(separator).append(key).append('=')
            .append(URLEncoder.encode(parameters.get(key), StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(token.toString())).timeout(Duration.ofMinutes(1));
    } catch (IllegalArgumentException e) {
      throw new ImageSourceException("Registry " + coordinates.host() + " names a token service realm that is no URL: \""
          + realm + "\" (challenge \"" + challenge + "\"); the registry's auth configuration is broken", e);
    }
    basic.ifPresent(b -> request.header("Authorization", "Basic " + b));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageSourceException("Interrupted while getting a token from " + realm);
    } catch (IOException e) {
      throw new ImageSourceException("Cannot reach the token service " + realm + " of registry " + coordinates.host()
          + ": " + e + "; check that it runs", e);
    }
    String service = "The token service " + realm + " of registry " + coordinates.host();
    int status = response.statusCode();
    if ((status == 401 || status == 403) && basic.isEmpty()) {
      throw new ImageSourceException(service + " asks for a login, but " + dockerConfig + " has none for "
          + coordinates.host() + " (HTTP " + status + "): add one, e.g. with docker login " + coordinates.host());
    }
    if (status == 401 || status == 403) {
      throw new ImageSourceException(service + " refused the login for " + coordinates.host() + " in " + dockerConfig
          + " (HTTP " + status + "): correct it there, e.g. with docker login " + coordinates.host());
    }
    if (status != 200) {
      throw new ImageSourceException(service + " answered HTTP " + status + " to " + token
          + ": check that the token service works");
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new ImageSourceException(service + " answered with no JSON document: " + e.getMessage()
          + "; check that " + realm + " is a Docker token service", e);
    }
    String value = json.path("token").asText("");
    if (value.isEmpty()) {
      value = json.path("access_token").asText("");
    }
    if (value.isEmpty()) {
      throw new ImageSourceException(service + " returned no token (neither \"token\" nor \"access_token\")"
          + ": check that " + realm + " is a Docker token service");
    }
    return "Bearer " + value;
  }

  /** A 401 to a request that carried the credentials or token the registry's first 401 asked for. */
  private ImageSourceException refusedAfterLogin(URI uri, String challenge) {
    if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      Matcher scope = Pattern.compile("scope=\"([^\"]*)\"").matcher(challenge);
      return new ImageSourceException("Registry " + coordinates.host() + " refused " + uri + " with the token it"
          + " asked for (HTTP 401, challenge \"" + challenge + "\"): the login for " + coordinates.host() + " in "
          + dockerConfig + " has no " + (scope.find() ? "\"" + scope.group(1) + "\"" : "such") + " access; ask for it"
          + " or correct the login, e.g. with docker login " + coordinates.host());
    }
    return new ImageSourceException("Registry " + coordinates.host() + " refused " + uri + " with the login for "
        + coordinates.host() + " in " + dockerConfig + " (HTTP 401): correct it there, e.g. with docker login "
        + coordinates.host());
  }

  /** The base64 {@code user:password} for {@code host} in a Docker config file, if it has one. */
  static Optional<String> credentials(Path dockerConfig, String host) throws ImageSourceException {
    try {
      if (!Files.isRegularFile(dockerConfig)) {
        return Optional.empty();
      }
      JsonNode auths = new ObjectMapper().readTree(dockerConfig.toFile()).path("auths");
      for (String key : new String[] {host, "https://" + host, "http://" + host}) {
        JsonNode entry = auths.path(key);
        if (entry.hasNonNull("auth")) {
          return Optional.of(entry.get("auth").asText());
        }
        if (entry.hasNonNull("username")) {
          String pair = entry.get("username").asText() + ":" + entry.path("password").asText();
          return Optional.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new ImageSourceException("Cannot read the Docker config " + dockerConfig + " for the login to " + host
          + ": " + e.getMessage() + "; correct its JSON or remove it", e);
    }
    return Optional.empty();
  }
}
