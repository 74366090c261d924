package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a request body with {@code Transfer-Encoding: chunked}, one chunk per write (a tar stream
 * of unknown length); {@link #finish()} writes the last, empty chunk. Closing it does not close the
 * stream beneath.
 */
final class ChunkedOutputStream extends OutputStream {

  private final OutputStream out;
  private boolean finished;

  ChunkedOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (finished) {
      throw new IOException("The chunked request body was already finished");
    }
    if (length == 0) {
      return;
    }
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes, offset, length);
    out.write('\r');
    out.write('\n');
  }

  /** Writes the last chunk; the body is complete. */
  void finish() throws IOException {
    if (!finished) {
      finished = true;
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    finish();
  }
}
