package dev.containermatrix.backend.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP exchange with a registry (or its token service), under the client's rules: every URL is
 * first {@linkplain RegistryTransport#check checked} (https, or plain http to loopback only);
 * connecting and waiting for headers are bounded by {@link RegistryLimits}; a body is a {@link
 * BoundedBody}; redirects are followed here, at most {@value #MAX_REDIRECTS}, each target checked
 * too, and an {@code Authorization} goes only to the origin (scheme, host and port) it was given
 * for.
 */
final class RegistryHttp {
  static final int MAX_REDIRECTS = 5;

  private final RegistryLimits limits;
  private final RegistryTransport transport;
  private final HttpClient client;

  RegistryHttp(RegistryLimits limits, RegistryTransport transport) {
    this.limits = limits;
    this.transport = transport;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(limits.connectTimeout())
            .build();
  }

  RegistryLimits limits() {
    return limits;
  }

  RegistryTransport transport() {
    return transport;
  }

  /**
   * What a document (manifest, index, config, token response) may have, and the message's reason.
   */
  BoundedBody.Limit documentLimit() {
    return new BoundedBody.Limit(
        limits.documentBytes(),
        "the most a manifest, index, config or token response may"
            + " have: it is no such document; check the reference and the registry");
  }

  /**
   * GETs {@code uri} and returns the response whatever its status; its body is bounded by {@code
   * limit}, and must arrive within the time {@link RegistryLimits#deadlineFor} gives that many
   * bytes.
   *
   * @param authorization sent to {@code uri}'s origin only, never to another a redirect leads to
   * @param what what the URL is, for messages: "registry 127.0.0.1:5000"
   */
  HttpResponse<InputStream> get(
      URI uri, String accept, Optional<String> authorization, BoundedBody.Limit limit, String what)
      throws IOException {
    Duration deadline = limits.deadlineFor(limit.bytes());
    return send(
        uri,
        "GET",
        accept,
        authorization,
        what,
        target -> BoundedBody.handler(target, limit, limits.readTimeout(), deadline));
  }

  /** HEADs {@code uri}, as {@link #get} does, with no body. */
  HttpResponse<Void> head(URI uri, String accept, Optional<String> authorization, String what)
      throws IOException {
    return send(
        uri, "HEAD", accept, authorization, what, target -> HttpResponse.BodyHandlers.discarding());
  }

  private interface Handlers<T> {
    HttpResponse.BodyHandler<T> forTarget(URI target);
  }

  private <T> HttpResponse<T> send(
      URI uri,
      String method,
      String accept,
      Optional<String> authorization,
      String what,
      Handlers<T> handlers)
      throws IOException {
    URI target = uri;
    for (int redirects = 0; ; redirects++) {
      transport.check(target, what);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target)
              .timeout(limits.readTimeout())
              .method(method, HttpRequest.BodyPublishers.noBody());
      if (!accept.isEmpty()) {
        request.header("Accept", accept);
      }
      if (sameOrigin(uri, target)) {
        authorization.ifPresent(value -> request.header("Authorization", value));
      }
      HttpResponse<T> response = exchange(request.build(), handlers.forTarget(target), what);
      Optional<String> location = response.headers().firstValue("Location");
      if (!isRedirect(response.statusCode()) || location.isEmpty()) {
        return response;
      }
      close(response);
      if (redirects == MAX_REDIRECTS) {
        throw new ImageSourceException(
            uri
                + " ("
                + what
                + ") redirected more than "
                + MAX_REDIRECTS
                + " times, the last time to "
                + location.get()
                + ": the registry is misconfigured");
      }
      try {
        target = target.resolve(location.get());
      } catch (IllegalArgumentException e) {
        throw new ImageSourceException(
            target
                + " ("
                + what
                + ") redirected to \""
                + location.get()
                + "\", which is no URL: the registry is misconfigured",
            e);
      }
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) throws IOException {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageSourceException(
          "Interrupted while asking " + request.uri() + " (" + what + ")");
    } catch (HttpTimeoutException e) {
      throw new ImageSourceException(
          request.uri()
              + " ("
              + what
              + ") did not answer within "
              + timeoutOf(e)
              + ": the registry or the network is too slow or stalls; try again, or check them",
          e);
    } catch (IOException e) {
      throw new ImageSourceException(
          "Cannot reach "
              + what
              + " at "
              + request.uri()
              + ": "
              + e
              + "; check the reference and that the registry runs",
          e);
    }
  }

  private String timeoutOf(HttpTimeoutException e) {
    return e instanceof java.net.http.HttpConnectTimeoutException
        ? BoundedBody.format(limits.connectTimeout()) + " (the connect timeout)"
        : BoundedBody.format(limits.readTimeout()) + " (the read timeout)";
  }

  private static void close(HttpResponse<?> response) throws IOException {
    if (response.body() instanceof InputStream in) {
      in.close();
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Same scheme, host and port (the scheme's default where none is given). */
  static boolean sameOrigin(URI a, URI b) {
    return scheme(a).equals(scheme(b)) && Objects.equals(host(a), host(b)) && port(a) == port(b);
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return scheme(uri).equals("https") ? 443 : 80;
  }
}
