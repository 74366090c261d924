package dev.containermatrix.junit.agent;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The agent's end of the event channel, written one line per event: a Unix domain socket to the
 * host, or, where the host cannot be reached so ({@code CONTAINERMATRIX_CHANNEL=fd:<n>}, an engine
 * in a VM), an inherited file descriptor the container runtime relays, with stdin as the line back
 * whose end means the host is gone.
 *
 * <p>Reads and writes use the {@link SocketChannel} directly (not {@code Channels.newInputStream}
 * and {@code newOutputStream}, which share one lock on Java 17 and would block every write while
 * the orphan guard waits in a read).
 */
final class AgentChannel implements AutoCloseable {
  /** The prefix of a channel that is an inherited file descriptor: {@code fd:3}. */
  static final String DESCRIPTOR_PREFIX = "fd:";

  private final WritableByteChannel out;
  private final ReadableByteChannel in;
  private final String path;
  private final Runnable onHostGone;
  private final Ending ending;
  private volatile boolean closing;

  /** How the channel ends after the last event. */
  @FunctionalInterface
  private interface Ending {
    void end() throws IOException;
  }

  private AgentChannel(
      WritableByteChannel out,
      ReadableByteChannel in,
      String path,
      Runnable onHostGone,
      Ending ending) {
    this.out = out;
    this.in = in;
    this.path = path;
    this.onHostGone = onHostGone;
    this.ending = ending;
  }

  /**
   * The channel {@code value} of {@code CONTAINERMATRIX_CHANNEL} names: {@code fd:<n>}, or the path
   * of the host's socket.
   */
  static AgentChannel open(String value, Runnable onHostGone) throws IOException {
    if (value.startsWith(DESCRIPTOR_PREFIX)) {
      String number = value.substring(DESCRIPTOR_PREFIX.length());
      if (!number.matches("[0-9]{1,4}")) {
        throw new IOException(
            "\"" + value + "\" names no file descriptor: write fd:<number>, e.g. fd:3");
      }
      FileChannel events = new FileOutputStream("/proc/self/fd/" + number).getChannel();
      FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
      return new AgentChannel(events, stdin, value, onHostGone, events::close);
    }
    return connect(Path.of(value), onHostGone);
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
    return new AgentChannel(
        socket,
        socket,
        path.toString(),
        onHostGone,
        () -> {
          try {
            socket.shutdownOutput();
          } finally {
            socket.close();
          }
        });
  }

  /** Writes {@code line} and a newline, completely, before returning; safe from any thread. */
  synchronized void send(String line) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
    try {
      while (bytes.hasRemaining()) {
        out.write(bytes);
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
      while (in.read(sink) >= 0) {
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
    ending.end();
  }
}
