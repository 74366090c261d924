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
  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final RegistryCoordinates coordinates;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(20)).build();
  private final Optional<String> basic;
  private volatile Optional<String> authorization = Optional.empty();

  RegistryClient(RegistryCoordinates coordinates, Path dockerConfig) {
    this.coordinates = coordinates;
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
      authorization = Optional.of(authorize(response.headers().firstValue("WWW-Authenticate").orElse(""), uri));
      response = exchange(uri, method, accept);
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
      parameters.put(matcher.group(1), matcher.group(2));
    }
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return basic.map(b -> "Basic " + b).orElseThrow(() -> new ImageSourceException("Registry " + coordinates.host()
          + " asks for a login (" + uri + "): add credentials for it to ~/.docker/config.json (docker login "
          + coordinates.host() + ")"));
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6) || !parameters.containsKey("realm")) {
      throw new ImageSourceException("Registry " + coordinates.host() + " refused " + uri + " with a challenge we"
          + " cannot answer: \"" + challenge + "\"");
    }
    StringBuilder token = new StringBuilder(parameters.get("realm"));
    String separator = token.indexOf("?") >= 0 ? "&" : "?";
    for (String key : new String[] {"service", "scope"}) {
      if (parameters.containsKey(key)) {
        token.append(separator).append(key).append('=')
            .append(URLEncoder.encode(parameters.get(key), StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(token.toString())).timeout(Duration.ofMinutes(1));
    basic.ifPresent(b -> request.header("Authorization", "Basic " + b));
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new ImageSourceException("The token service " + parameters.get("realm") + " of " + coordinates.host()
            + " answered " + response.statusCode() + ": check the credentials in ~/.docker/config.json");
      }
      JsonNode json = new ObjectMapper().readTree(response.body());
      String value = json.hasNonNull("token") ? json.get("token").asText() : json.path("access_token").asText("");
      if (value.isEmpty()) {
        throw new ImageSourceException("The token service " + parameters.get("realm") + " returned no token");
      }
      return "Bearer " + value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageSourceException("Interrupted while getting a token from " + parameters.get("realm"));
    }
  }

  /** The base64 {@code user:password} for {@code host} in a Docker config file, if it has one. */
  static Optional<String> credentials(Path dockerConfig, String host) {
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
      return Optional.empty();
    }
    return Optional.empty();
  }
}
