package dev.containermatrix.backend.docker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over the engine's Unix domain socket with the JDK's own {@link SocketChannel} (JDK 16+):
 * one connection per request, sent with {@code Connection: close}. Connecting to a local socket
 * costs tens of microseconds, so a pool would save nothing worth its state; and with no shared
 * connection, any number of threads may use one transport at once.
 *
 * <p>The channel is interruptible: interrupting a thread blocked in a request (a container's wait)
 * closes that request's connection and ends the call with an exception.
 */
final class UnixSocketTransport {

  private static final int BUFFER = 64 * 1024;

  private final DockerHost host;

  UnixSocketTransport(DockerHost host) {
    this.host = host;
  }

  DockerHost host() {
    return host;
  }

  /**
   * Sends the request and reads the response's head; the caller reads the body and closes the
   * exchange.
   *
   * @param target the path and query, e.g. {@code /v1.41/containers/json?all=1}
   */
  Exchange send(String method, String target, @Nullable RequestBody body) throws IOException {
    return send(method, target, body, false);
  }

  /**
   * Sends a request that asks the engine to hand the connection over ({@code Connection: Upgrade},
   * {@code Upgrade: tcp}), as attaching to a container does, and reads the response's head. After a
   * {@code 101} (or the {@code 200} of an engine that hijacks without saying so) the exchange's
   * {@link Exchange#raw() raw} stream carries what the engine sends, and {@link Exchange#writeRaw}
   * and {@link Exchange#closeWrite} what it reads.
   */
  Exchange upgrade(String method, String target) throws IOException {
    return send(method, target, null, true);
  }

  private Exchange send(String method, String target, @Nullable RequestBody body, boolean upgrade)
      throws IOException {
    SocketChannel channel = connect(method, target);
    try {
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
      IOException writeFailure = null;
      try {
        writeRequest(out, method, target, body, upgrade);
      } catch (ClosedByInterruptException e) {
        throw e;
      } catch (IOException e) {
        // the engine may have answered (and closed) before reading the whole body: read why
        writeFailure = e;
      }
      ResponseHead head;
      try {
        head = ResponseParser.readHead(in);
      } catch (IOException e) {
        if (writeFailure != null) {
          e.addSuppressed(writeFailure);
        }
        throw e;
      }
      InputStream responseBody =
          upgrade && (head.status() == 101 || head.successful())
              ? in
              : ResponseParser.body(head, in, method.equals("HEAD"));
      return new Exchange(channel, head, responseBody);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private SocketChannel connect(String method, String target) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(host.socket()));
      return channel;
    } catch (IOException e) {
      channel.close();
      throw new DockerEngineException(
          "Cannot connect to the Docker engine at "
              + host
              + " for "
              + method
              + " "
              + target
              + ": "
              + e.getMessage()
              + "; start it (dockerd, or podman system service), or name its socket with "
              + DockerHost.CONFIGURATION_KEY
              + " or DOCKER_HOST",
          e);
    }
  }

  private static void writeRequest(
      OutputStream out, String method, String target, @Nullable RequestBody body, boolean upgrade)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: docker\r\n");
    head.append("User-Agent: containermatrix\r\n");
    head.append(upgrade ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n");
    if (body instanceof RequestBody.Json json) {
      head.append("Content-Type: ").append(json.contentType()).append("\r\n");
      head.append("Content-Length: ").append(json.bytes().length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(json.bytes());
    } else if (body instanceof RequestBody.Stream stream) {
      head.append("Content-Type: ").append(stream.contentType()).append("\r\n");
      head.append("Transfer-Encoding: chunked\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      stream.writeChunked(out);
    } else {
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  /** One request's answer; closing it closes its connection. */
  static final class Exchange implements Closeable {
    private final SocketChannel channel;
    private final ResponseHead head;
    private final InputStream body;

    Exchange(SocketChannel channel, ResponseHead head, InputStream body) {
      this.channel = channel;
      this.head = head;
      this.body = body;
    }

    ResponseHead head() {
      return head;
    }

    InputStream body() {
      return body;
    }

    /** What the engine sends after an {@link UnixSocketTransport#upgrade}: the raw stream. */
    InputStream raw() {
      return body;
    }

    /** Writes to the engine on an upgraded connection, completely. */
    void writeRaw(java.nio.ByteBuffer bytes) throws IOException {
      synchronized (channel) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    }

    /** Ends what this side sends on an upgraded connection; the engine's side stays open. */
    void closeWrite() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
