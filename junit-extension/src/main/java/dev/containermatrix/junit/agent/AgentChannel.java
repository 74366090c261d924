package dev.containermatrix.junit.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The agent's end of the event channel: a Unix domain socket to the host, written one line per
 * event.
 *
 * <p>Reads and writes use the {@link SocketChannel} directly (not {@code Channels.newInputStream}
 * and {@code newOutputStream}, which share one lock on Java 17 and would block every write while
 * the orphan guard waits in a read).
 */
final class AgentChannel implements AutoCloseable {
  private final SocketChannel socket;
  private final Path path;
  private final Runnable onHostGone;
  private volatile boolean closing;

  private AgentChannel(SocketChannel socket, Path path, Runnable onHostGone) {
    this.socket = socket;
    this.path = path;
    this.onHostGone = onHostGone;
  }

  /**
   * Connects to the host's socket at {@code path}.
   *
   * @param onHostGone run when the host closes the channel before {@link #close()} or a write fails
   */
  static AgentChannel connect(Path path, Runnable onHostGone) throws IOException {
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      socket.connect(UnixDomainSocketAddress.of(path));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new AgentChannel(socket, path, onHostGone);
  }

  /** Writes {@code line} and a newline, completely, before returning; safe from any thread. */
  synchronized void send(String line) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
    try {
      while (bytes.hasRemaining()) {
        socket.write(bytes);
      }
    } catch (IOException e) {
      if (!closing) {
        System.err.println(
            "containermatrix agent: cannot write to the host's event channel " + path + ": " + e);
        onHostGone.run();
      }
    }
  }

  /**
   * Writes the last line; from here on the host may close the channel without the orphan guard
   * halting this JVM.
   */
  void sendLast(String line) {
    closing = true;
    send(line);
  }

  /**
   * Starts a daemon thread that blocks reading the channel and runs {@code onHostGone} when the
   * host ends it (EOF or a read error) before this agent called {@link #close()}. Anything the host
   * sends is ignored.
   */
  void guardAgainstOrphaning() {
    Thread guard = new Thread(this::awaitHostEnd, "containermatrix-orphan-guard");
    guard.setDaemon(true);
    guard.start();
  }

  private void awaitHostEnd() {
    ByteBuffer sink = ByteBuffer.allocate(256);
    try {
      while (socket.read(sink) >= 0) {
        sink.clear();
      }
    } catch (IOException e) {
      // the same as EOF: the host is unreachable
    }
    if (!closing) {
      System.err.println(
          "containermatrix agent: the host closed the event channel " + path + "; halting");
      onHostGone.run();
    }
  }

  /** Ends the channel after the last event; the orphan guard then stays quiet. */
  @Override
  public synchronized void close() throws IOException {
    closing = true;
    try {
      socket.shutdownOutput();
    } finally {
      socket.close();
    }
  }
}
