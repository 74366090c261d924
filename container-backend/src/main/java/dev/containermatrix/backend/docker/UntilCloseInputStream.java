package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body with neither length nor chunks: it ends where the engine closes the connection (every
 * request of this client sends {@code Connection: close}). Closing it does not close the stream
 * beneath.
 */
final class UntilCloseInputStream extends InputStream {

  private final InputStream in;
  private boolean closed;

  UntilCloseInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    return closed ? -1 : in.read();
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    return closed ? -1 : in.read(target, offset, length);
  }

  @Override
  public void close() {
    closed = true;
  }
}
