package dev.containermatrix.backend.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes a blob's bytes through and has them checked once its end is reached; closing early reads the rest first. */
final class VerifyingBlobStream extends FilterInputStream {

  /** Checks what was read: its digest and byte count. */
  @FunctionalInterface
  interface Check {
    void check(String actualDigest, long count) throws IOException;
  }

  private final MessageDigest sha256 = BlobDigests.sha256();
  private final Check check;
  private long count;
  private boolean checked;

  VerifyingBlobStream(InputStream in, Check check) {
    super(in);
    this.check = check;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      end();
    } else {
      sha256.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      end();
    } else {
      sha256.update(buffer, offset, n);
      count += n;
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
      in.close();
    }
  }

  private void end() throws IOException {
    if (!checked) {
      checked = true;
      check.check(BlobDigests.of(sha256), count);
    }
  }
}
