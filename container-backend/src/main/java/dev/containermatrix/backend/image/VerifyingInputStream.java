package dev.containermatrix.backend.image;

import dev.containermatrix.backend.layers.HashingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a blob's bytes through and checks its sha256 and size once the end is reached. Closing
 * before the end reads the rest first, so a blob that is opened is always checked.
 */
final class VerifyingInputStream extends FilterInputStream {

  private final InputStream source;
  private final String expectedDigest;
  private final long expectedSize;
  private final String where;
  private boolean checked;

  VerifyingInputStream(InputStream source, String expectedDigest, long expectedSize, String where) {
    super(new HashingInputStream(source));
    this.source = source;
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.where = where;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      check();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      check();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    int read = read(buffer, 0, buffer.length);
    return Math.max(read, 0);
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
        // draining so that the digest covers the whole blob
      }
    } finally {
      source.close();
    }
  }

  private void check() throws ImageSourceException {
    if (checked) {
      return;
    }
    checked = true;
    HashingInputStream hashing = (HashingInputStream) in;
    String actual = hashing.digest().toString();
    if (!actual.equals(expectedDigest)) {
      throw new ImageSourceException("Blob " + expectedDigest + " read from " + where + " has digest " + actual
          + ": the file is corrupt or was changed after the image was written; export the image again");
    }
    if (hashing.count() != expectedSize) {
      throw new ImageSourceException("Blob " + expectedDigest + " read from " + where + " has " + hashing.count()
          + " bytes, but its descriptor says " + expectedSize + ": export the image again");
    }
  }
}
