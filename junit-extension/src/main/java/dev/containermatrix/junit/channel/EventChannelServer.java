package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The host's end of one agent's event channel: a Unix domain socket that accepts one connection and
 * reads JSON lines from it until the agent closes it. No line may be longer than {@link
 * #MAX_LINE_BYTES}: a longer one is read past, not kept, and reported as {@link
 * AgentEvent.Garbled}.
 *
 * <p>Typical use: {@code open} a socket in a fresh directory, pass its path to the agent in {@code
 * CONTAINERMATRIX_CHANNEL}, call {@link #serve} on a thread of its own, and {@link #close()} it
 * when the variant is done or abandoned. Closing ends the agent's JVM: its orphan guard halts it
 * when the channel closes before the agent said {@code bye}.
 */
@API(status = INTERNAL, since = "0.1")
public final class EventChannelServer implements AutoCloseable {
  /**
   * The longest line the host reads, in bytes of UTF-8 without the newline: 4 MiB. The agent cuts
   * what it sends to fit (see {@code EventEncoder}); a longer line means the stream is broken.
   */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final Path socketPath;
  private final ServerSocketChannel server;
  private final Object lock = new Object();
  private @Nullable SocketChannel connection;
  private boolean closed;

  private EventChannelServer(Path socketPath, ServerSocketChannel server) {
    this.socketPath = socketPath;
    this.server = server;
  }

  /**
   * Binds a Unix domain socket at {@code socketPath}, which must not exist yet.
   *
   * @throws IOException naming the path when it cannot be bound (it exists already, its directory
   *     is missing or not writable, or it is longer than the platform allows, about 100 bytes)
   */
  public static EventChannelServer open(Path socketPath) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socketPath));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw new IOException(
          "cannot bind the event channel socket "
              + socketPath
              + ": "
              + e
              + "; use a path that does not exist yet, in a writable directory, shorter than about"
              + " 100 bytes",
          e);
    }
    return new EventChannelServer(socketPath, server);
  }

  public Path socketPath() {
    return socketPath;
  }

  /**
   * Accepts one agent connection and passes each of its lines, decoded, to {@code listener}, on the
   * calling thread, in order. A line that is not a valid event, or is longer than {@link
   * #MAX_LINE_BYTES}, reaches the listener as {@link AgentEvent.Garbled} whose problem names the
   * line: {@code line 57 is over 4 MiB (4,194,304 bytes)}, {@code line 12 is no valid event (not
   * JSON: …)}. Returns when the agent ends the stream (whether or not it sent {@code bye}; the
   * listener can tell) or when {@link #close()} is called from another thread.
   *
   * @throws IOException when reading fails other than by {@link #close()}
   */
  public void serve(AgentEventListener listener) throws IOException {
    SocketChannel accepted;
    try {
      accepted = server.accept();
    } catch (ClosedChannelException e) {
      if (isClosed()) {
        return;
      }
      throw e;
    }
    synchronized (lock) {
      if (closed) {
        accepted.close();
        return;
      }
      connection = accepted;
    }
    try (InputStream in = Channels.newInputStream(accepted)) {
      EventLineReader lines = new EventLineReader(in, MAX_LINE_BYTES);
      for (EventLineReader.Line line = lines.next(); line != null; line = lines.next()) {
        listener.onEvent(event(line));
      }
    } catch (IOException e) {
      if (!isClosed()) {
        throw e;
      }
    }
  }

  private static AgentEvent event(EventLineReader.Line line) {
    if (line.overLong()) {
      return new AgentEvent.Garbled(
          line.text() + "…",
          "line "
              + line.number()
              + " is over 4 MiB ("
              + String.format(Locale.ROOT, "%,d", MAX_LINE_BYTES)
              + " bytes): it has "
              + String.format(Locale.ROOT, "%,d", line.bytes())
              + " bytes");
    }
    AgentEvent event = AgentEventDecoder.decode(line.text());
    return event instanceof AgentEvent.Garbled garbled
        ? new AgentEvent.Garbled(
            garbled.line(),
            "line " + line.number() + " is no valid event (" + garbled.problem() + ")")
        : event;
  }

  /** Whether an agent has connected. */
  public boolean hasConnection() {
    synchronized (lock) {
      return connection != null;
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Closes the socket and any connection, unblocking {@link #serve}, and deletes the socket file.
   */
  @Override
  public void close() throws IOException {
    SocketChannel open;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      open = connection;
    }
    try (server) {
      if (open != null) {
        open.close();
      }
    } finally {
      Files.deleteIfExists(socketPath);
    }
  }
}
