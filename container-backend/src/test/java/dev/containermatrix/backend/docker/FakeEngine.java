package dev.containermatrix.backend.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An engine on a Unix socket that answers each request with what {@code answer} gives for it: for
 * tests of what a real engine will not send (an old API version, a hostile answer), and of the
 * request bytes the client sends. Each request's head and decoded body are kept.
 */
final class FakeEngine implements AutoCloseable {

  /** A request as received: its head's first line and its body, de-chunked. */
  record Received(String requestLine, List<String> headers, byte[] body) {}

  private final ServerSocketChannel server;
  private final Thread thread;
  final List<Received> received = new CopyOnWriteArrayList<>();

  FakeEngine(Path socket, Function<String, String> answer) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread =
        new Thread(
            () -> {
              while (server.isOpen()) {
                try (SocketChannel channel = server.accept()) {
                  serve(channel, answer);
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "fake-engine");
    thread.setDaemon(true);
    thread.start();
  }

  DockerHost host() throws IOException {
    return new DockerHost(
        Path.of(((UnixDomainSocketAddress) server.getLocalAddress()).getPath().toString()));
  }

  private void serve(SocketChannel channel, Function<String, String> answer) throws IOException {
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
    String requestLine = HttpLines.read(in, 65536, "request line");
    List<String> headers = new java.util.ArrayList<>();
    boolean chunked = false;
    long length = 0;
    for (String line; !(line = HttpLines.read(in, 65536, "header")).isEmpty(); ) {
      headers.add(line);
      if (line.equalsIgnoreCase("Transfer-Encoding: chunked")) {
        chunked = true;
      } else if (line.toLowerCase().startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).strip());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      new ChunkedInputStream(in).transferTo(body);
    } else {
      body.writeBytes(in.readNBytes((int) length));
    }
    received.add(new Received(requestLine, headers, body.toByteArray()));
    OutputStream out = Channels.newOutputStream(channel);
    out.write(answer.apply(requestLine).getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static String json(int status, String json) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + json;
  }

  static final String VERSION_1_41 =
      json(200, "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\"}");

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
