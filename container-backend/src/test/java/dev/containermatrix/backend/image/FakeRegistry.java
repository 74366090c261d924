package dev.containermatrix.backend.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving registry for what the real one will not do: a JDK {@link HttpServer} on a loopback
 * address whose answers tests set per path ({@code /v2/cm/app/manifests/1}). Every request's path
 * and {@code Authorization} header are kept. A handler that {@link #hang}s is released by {@link
 * #close()}; nothing here waits longer than a minute.
 */
final class FakeRegistry implements AutoCloseable {

  /** Answers one request. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** A request as it came: its path and its Authorization header ("" when it had none). */
  record Request(String path, String authorization) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private FakeRegistry(HttpServer server) {
    this.server = server;
  }

  /** Serves on a free port of {@code address} (127.0.0.1, or 127.0.0.2 for "another host"). */
  static FakeRegistry start(String address) throws IOException {
    FakeRegistry registry =
        new FakeRegistry(HttpServer.create(new InetSocketAddress(address, 0), 0));
    registry.server.setExecutor(registry.threads);
    registry.server.createContext("/", registry::handle);
    registry.server.start();
    return registry;
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  FakeRegistry on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(new Request(path, authorization == null ? "" : authorization));
      Answer answer = answers.get(path);
      if (answer == null) {
        send(
            exchange,
            404,
            "application/json",
            "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
      } else {
        answer.answer(exchange);
      }
    }
  }

  /** Answers {@code status} with {@code body} of {@code type}. */
  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(
        status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
    if (!exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseBody().write(body);
    }
  }

  /** Blocks the handling thread until {@link #close()} (at most a minute): a server that stalls. */
  void hang() {
    try {
      closing.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
