package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body of exactly {@code Content-Length} bytes: it ends there, and a connection that ends sooner
 * is refused. Closing it does not close the stream beneath.
 */
final class LengthLimitedInputStream extends InputStream {

  private final InputStream in;
  private final long length;
  private long remaining;

  LengthLimitedInputStream(InputStream in, long length) {
    this.in = in;
    this.length = length;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(target, offset, (int) Math.min(count, remaining));
    if (n < 0) {
      throw new DockerEngineException(
          "The Docker engine's answer ended after "
              + (length - remaining)
              + " of its "
              + length
              + " bytes (Content-Length): the engine closed the connection early; check that it"
              + " still runs (docker info) and try again");
    }
    remaining -= n;
    return n;
  }

  @Override
  public void close() {
    remaining = 0;
  }
}
