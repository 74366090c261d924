package dev.containermatrix.backend.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.containermatrix.backend.HostCommand;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker token service (the "token" auth of docker/distribution) on a loopback address: it checks
 * the Basic credentials of a token request against one user and password and answers with an RS256
 * JWT that carries its certificate in {@code x5c} and grants the requested scopes of repositories
 * below {@code cm/} (and nothing else, so a login can lack access to a repository). The key and the
 * self-signed certificate (the registry's {@code rootcertbundle}) are made with {@code openssl}.
 * Every request's query and {@code Authorization} header are kept, so tests can see what clients
 * asked for and what they sent. It can also {@linkplain #forwardRegistry forward} {@code /v2/} to a
 * registry, so that the token service is on the registry's own origin.
 */
final class RegistryTokenService implements AutoCloseable {
  static final String SERVICE = "containermatrix-test-registry";
  static final String ISSUER = "containermatrix-test-token-issuer";

  private final HttpServer server;
  private final PrivateKey key;
  private final String certificate;
  private final String expectedAuthorization;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private RegistryTokenService(
      HttpServer server, PrivateKey key, String certificate, String user, String password) {
    this.server = server;
    this.key = key;
    this.certificate = certificate;
    this.expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Makes a key and certificate in {@code directory} and starts serving {@code /token} on a free
   * port of {@code address} (127.0.0.1, or 127.0.0.2 for a token service on another host).
   */
  static RegistryTokenService start(Path directory, String user, String password, String address)
      throws Exception {
    Path keyFile = directory.resolve("token-key.pem");
    Path certificateFile = rootCertificateBundle(directory);
    HostCommand.run(
        directory,
        Map.of(),
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "2",
        "-subj",
        "/CN=" + ISSUER,
        "-keyout",
        keyFile.toString(),
        "-out",
        certificateFile.toString());
    // openssl 1.1 writes "BEGIN PRIVATE KEY" (PKCS#8) for req -newkey as well as openssl 3
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(pem(keyFile, "PRIVATE KEY")));
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    RegistryTokenService service =
        new RegistryTokenService(
            server,
            key,
            Base64.getEncoder().encodeToString(certificate.getEncoded()),
            user,
            password);
    server.createContext("/token", service::answer);
    server.start();
    return service;
  }

  /**
   * The PEM file of the certificate that signs the tokens, for the registry's {@code
   * rootcertbundle}.
   */
  static Path rootCertificateBundle(Path directory) {
    return directory.resolve("token-certificate.pem");
  }

  String realm() {
    return "http://" + host() + "/token";
  }

  /** {@code 127.0.0.1:<port>}: where the token service (and the forwarded registry) is. */
  String host() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The {@code Authorization} header of each token request so far ("" where there was none). */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /**
   * Serves {@code /v2/} here too, forwarding each GET and HEAD to the registry at {@code
   * registryHost} with its {@code Authorization} and {@code Accept} headers, and its answer back:
   * so the registry and its token service share one origin, {@link #host()}.
   */
  void forwardRegistry(String registryHost) {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    server.createContext(
        "/v2/",
        exchange -> {
          try (exchange) {
            HttpRequest.Builder request =
                HttpRequest.newBuilder(
                        URI.create("http://" + registryHost + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            for (String name : List.of("Authorization", "Accept")) {
              List<String> values = exchange.getRequestHeaders().get(name);
              if (values != null) {
                values.forEach(value -> request.header(name, value));
              }
            }
            HttpResponse<byte[]> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response
                .headers()
                .map()
                .forEach(
                    (name, values) -> {
                      if (!List.of("connection", "transfer-encoding", "date", ":status")
                              .contains(name.toLowerCase(Locale.ROOT))
                          && !(name.equalsIgnoreCase("content-length")
                              && !exchange.getRequestMethod().equals("HEAD"))) {
                        exchange.getResponseHeaders().put(name, values);
                      }
                    });
            boolean noBody =
                exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
            exchange.sendResponseHeaders(
                response.statusCode(), noBody ? -1 : response.body().length);
            if (!noBody) {
              exchange.getResponseBody().write(response.body());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding " + exchange.getRequestURI(), e);
          }
        });
  }

  /** The query strings of the token requests so far, decoded. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query =
          exchange.getRequestURI().getRawQuery() == null
              ? ""
              : exchange.getRequestURI().getRawQuery();
      requests.add(URLDecoder.decode(query, StandardCharsets.UTF_8));
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(authorization == null ? "" : authorization);
      if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(
            exchange,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"wrong user or password\"}]}");
        return;
      }
      List<String> scopes = new ArrayList<>();
      String service = "";
      for (String parameter : query.split("&")) {
        int equals = parameter.indexOf('=');
        if (equals > 0) {
          String name = parameter.substring(0, equals);
          String value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
          if (name.equals("scope")) {
            scopes.add(value);
          } else if (name.equals("service")) {
            service = value;
          }
        }
      }
      if (!service.equals(SERVICE)) {
        send(
            exchange,
            400,
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"unknown service " + service + "\"}]}");
        return;
      }
      String token = token(exchange.getRequestHeaders().getFirst("Authorization"), scopes);
      send(
          exchange,
          200,
          "{\"token\":\""
              + token
              + "\",\"expires_in\":300,\"issued_at\":\""
              + Instant.now()
              + "\"}");
    } catch (Exception e) {
      throw new IOException(
          "the test token service failed on " + exchange.getRequestURI() + ": " + e, e);
    }
  }

  private String token(String authorization, List<String> scopes) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode().put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(certificate);
    long now = Instant.now().getEpochSecond();
    String user =
        new String(
                Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                StandardCharsets.UTF_8)
            .split(":", 2)[0];
    ObjectNode claims =
        json.createObjectNode()
            .put("iss", ISSUER)
            .put("sub", user)
            .put("aud", SERVICE)
            .put("exp", now + 300)
            .put("nbf", now - 10)
            .put("iat", now)
            .put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      // type:name:actions, where the name may hold a port's colon
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first > 0 && last > first && scope.startsWith("repository:cm/")) {
        ObjectNode entry =
            access
                .addObject()
                .put("type", scope.substring(0, first))
                .put("name", scope.substring(first + 1, last));
        ArrayNode actions = entry.putArray("actions");
        for (String action : scope.substring(last + 1).split(",")) {
          actions.add(action);
        }
      }
    }
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signed =
        url.encodeToString(json.writeValueAsBytes(header))
            + "."
            + url.encodeToString(json.writeValueAsBytes(claims));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + url.encodeToString(rs256.sign());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static byte[] pem(Path file, String label) throws IOException {
    String text = Files.readString(file);
    int begin = text.indexOf("-----BEGIN " + label + "-----");
    int end = text.indexOf("-----END " + label + "-----");
    if (begin < 0 || end < 0) {
      throw new IllegalStateException(
          file + " holds no PEM block \"" + label + "\"; openssl wrote:\n" + text);
    }
    return Base64.getMimeDecoder().decode(text.substring(begin + label.length() + 16, end));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
