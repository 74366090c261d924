package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apiguardian.api.API;

/**
 * Passes a blob's bytes through and hands their sha256 and count to a {@link Check} once the end is
 * reached. Closing before the end reads the rest first, so a blob that is opened is always checked.
 */
@API(status = INTERNAL, since = "0.1")
public final class CheckedInputStream extends FilterInputStream {

  /** Judges what was read; throws (naming the blob) when it is not what was expected. */
  @FunctionalInterface
  public interface Check {
    void check(LayerDigest actual, long count) throws IOException;
  }

  private final InputStream source;
  private final Check check;
  private boolean checked;

  public CheckedInputStream(InputStream source, Check check) {
    super(new HashingInputStream(source));
    this.source = source;
    this.check = check;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      end();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      end();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    return Math.max(read(buffer, 0, buffer.length), 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      byte[] buffer = new byte[64 * 1024];
      while (!checked && read(buffer, 0, buffer.length) >= 0) {
        // draining, so that the check covers the whole blob
      }
    } finally {
      source.close();
    }
  }

  private void end() throws IOException {
    if (!checked) {
      checked = true;
      HashingInputStream hashing = (HashingInputStream) in;
      check.check(hashing.digest(), hashing.count());
    }
  }
}
