package dev.containermatrix.backend.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection attached to a container's stdin, stdout and stderr ({@link DockerApi#attach}): what
 * the container writes arrives on {@link #copyOutput}; ending {@link #closeInput() its input} is
 * the container's stdin reaching its end (with {@code StdinOnce}).
 */
final class Attachment implements Closeable {
  private final UnixSocketTransport.Exchange exchange;
  private final boolean multiplexed;

  Attachment(UnixSocketTransport.Exchange exchange, boolean multiplexed) {
    this.exchange = exchange;
    this.multiplexed = multiplexed;
  }

  /**
   * Copies the container's stdout and stderr to the two streams until the container ends them (it
   * exits) or this attachment is closed.
   */
  void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
    InputStream in = exchange.raw();
    StreamDemultiplexer.copy(in, multiplexed, stdout, stderr);
  }

  /** Ends the container's stdin. */
  void closeInput() throws IOException {
    exchange.closeWrite();
  }

  @Override
  public void close() throws IOException {
    exchange.close();
  }
}
