package dev.containermatrix.backend.layers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a layer tar's bytes through and refuses the layer as soon as more than its {@link
 * LayerLimits#maxBytes()} have been read. It never asks its source for more than one byte past the
 * limit, so a decompressor behind it stops there.
 */
final class LimitedLayerStream extends FilterInputStream {

  private final LayerLimits limits;
  private final String layer;
  private long count;

  /**
   * @param layer the layer, for the message: "layer sha256:…"
   */
  LimitedLayerStream(InputStream in, LayerLimits limits, String layer) {
    super(in);
    this.limits = limits;
    this.layer = layer;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    long allowed = limits.maxBytes() - count + 1;
    int n = in.read(buffer, offset, (int) Math.min(length, allowed));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    int read = read(buffer, 0, (int) Math.min(n, buffer.length));
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Leaves the tar open: the caller owns it. */
  @Override
  public void close() {
    // the caller owns the tar
  }

  private void counted(int n) throws LayerStoreException {
    count += n;
    if (count > limits.maxBytes()) {
      throw limits.tooLarge(layer);
    }
  }
}
