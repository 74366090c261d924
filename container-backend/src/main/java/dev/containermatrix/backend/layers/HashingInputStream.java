package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.apiguardian.api.API;

/**
 * Computes the sha256 of the bytes read (or skipped) through it and counts them; {@link #close()}
 * does not close the source. The layer store hashes layer tars with it, the image readers blobs.
 */
@API(status = INTERNAL, since = "0.1")
public final class HashingInputStream extends FilterInputStream {

  private final MessageDigest sha256 = Sha256.newDigest();
  private long count;

  public HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      sha256.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      sha256.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipped bytes must be hashed too
    long skipped = 0;
    byte[] buffer = new byte[8192];
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // the caller owns the source
  }

  /** Reads the source to its end, so trailing padding after the tar's end records is hashed too. */
  public void drain() throws IOException {
    skip(Long.MAX_VALUE);
  }

  /** The number of bytes read or skipped so far. */
  public long count() {
    return count;
  }

  /** The sha256 of the bytes so far; call once, at the end (it resets the digest). */
  public LayerDigest digest() {
    return LayerDigest.of(sha256.digest());
  }
}
