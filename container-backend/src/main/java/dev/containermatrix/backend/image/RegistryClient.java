package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Speaks the OCI distribution API to one repository, through {@link RegistryHttp} (https, or plain
 * http on loopback only; bounded in time and size; redirects checked). The login for the registry's
 * host in {@code ~/.docker/config.json} answers a {@code 401} with a {@code Basic} challenge; one
 * with a {@code Bearer} challenge gets a token from {@link BearerTokens}, which sends that login
 * only to a token service on the registry's own origin, and the request is retried with it.
 */
final class RegistryClient {
  static final String MANIFEST_TYPES =
      String.join(
          ", ",
          MediaTypes.OCI_INDEX,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST,
          MediaTypes.DOCKER_MANIFEST);

  private final RegistryCoordinates coordinates;
  private final RegistryHttp http;
  private final URI base;
  private final Path dockerConfig;
  private final Optional<String> basic;
  private final BearerTokens tokens;
  private final String what;
  private volatile Optional<String> authorization = Optional.empty();
  private volatile boolean anonymousToken;

  /**
   * @throws ImageSourceException naming {@code dockerConfig} if it exists but is not a readable
   *     JSON file, or naming the host if it cannot be resolved
   */
  RegistryClient(RegistryCoordinates coordinates, Path dockerConfig, RegistryHttp http)
      throws ImageSourceException {
    this.coordinates = coordinates;
    this.http = http;
    this.dockerConfig = dockerConfig;
    this.base =
        URI.create(
            http.transport().schemeFor(coordinates.host())
                + "://"
                + coordinates.host()
                + "/v2/"
                + coordinates.name()
                + "/");
    this.basic = DockerLogins.find(dockerConfig, coordinates.host());
    this.tokens = new BearerTokens(http, base, coordinates.host(), basic, dockerConfig);
    this.what = "registry " + coordinates.host();
  }

  /** The URL of {@code path} below {@code /v2/<name>/}. */
  URI url(String path) {
    return base.resolve(path);
  }

  /** What a manifest, index or config may have. */
  BoundedBody.Limit documentLimit() {
    return http.documentLimit();
  }

  /**
   * GETs {@code path} below {@code /v2/<name>/}, logging in as the registry asks; any status is
   * returned.
   */
  HttpResponse<InputStream> get(String path, String accept, BoundedBody.Limit limit)
      throws IOException {
    URI uri = url(path);
    return authorized(uri, auth -> http.get(uri, accept, auth, limit, what));
  }

  HttpResponse<Void> head(String path, String accept) throws IOException {
    URI uri = url(path);
    return authorized(uri, auth -> http.head(uri, accept, auth, what));
  }

  private interface Request<T> {
    HttpResponse<T> send(Optional<String> authorization) throws IOException;
  }

  private <T> HttpResponse<T> authorized(URI uri, Request<T> request) throws IOException {
    HttpResponse<T> response = request.send(authorization);
    if (response.statusCode() != 401) {
      return response;
    }
    close(response);
    AuthChallenge challenge = challenge(response);
    authorization = Optional.of(authorize(challenge, uri));
    response = request.send(authorization);
    if (response.statusCode() == 401) {
      close(response);
      AuthChallenge again =
          response.headers().firstValue("WWW-Authenticate").isPresent()
              ? challenge(response)
              : challenge;
      throw refusedAfterLogin(uri, again);
    }
    return response;
  }

  private static AuthChallenge challenge(HttpResponse<?> response) {
    return AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  private String authorize(AuthChallenge challenge, URI uri) throws IOException {
    if (challenge.isBasic()) {
      return basic
          .map(b -> "Basic " + b)
          .orElseThrow(
              () ->
                  new ImageSourceException(
                      "Registry "
                          + coordinates.host()
                          + " asks for a login ("
                          + uri
                          + "), but "
                          + dockerConfig
                          + " has none for "
                          + coordinates.host()
                          + ": add one, e.g. with docker login "
                          + coordinates.host()));
    }
    if (!challenge.isBearer()) {
      throw new ImageSourceException(
          "Registry "
              + coordinates.host()
              + " refused "
              + uri
              + " with a challenge we"
              + " cannot answer: \""
              + challenge.text()
              + "\"");
    }
    BearerTokens.Token token = tokens.fetch(challenge);
    anonymousToken = token.anonymousElsewhere();
    return token.authorization();
  }

  /**
   * A 401 to a request that carried the credentials or token the registry's first 401 asked for.
   */
  private ImageSourceException refusedAfterLogin(URI uri, AuthChallenge challenge) {
    String host = coordinates.host();
    if (challenge.isBearer() && anonymousToken) {
      return new ImageSourceException(
          "Registry "
              + host
              + " refused "
              + uri
              + " with the token it asked for (HTTP 401,"
              + " challenge \""
              + challenge.text()
              + "\"): the token was asked for without a login, since the token service is not on"
              + " the registry's own host and port; run it there, or pull an image it gives without"
              + " a login");
    }
    if (challenge.isBearer()) {
      return new ImageSourceException(
          "Registry "
              + host
              + " refused "
              + uri
              + " with the token it"
              + " asked for (HTTP 401, challenge \""
              + challenge.text()
              + "\"): the login for "
              + host
              + " in "
              + dockerConfig
              + " has no "
              + challenge.parameter("scope").map(s -> "\"" + s + "\"").orElse("such")
              + " access; ask for it or correct the login, e.g. with docker login "
              + host);
    }
    return new ImageSourceException(
        "Registry "
            + host
            + " refused "
            + uri
            + " with the login for "
            + host
            + " in "
            + dockerConfig
            + " (HTTP 401): correct it there, e.g. with docker login "
            + host);
  }

  private static void close(HttpResponse<?> response) throws IOException {
    if (response.body() instanceof InputStream in) {
      in.close();
    }
  }
}
