package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import org.apiguardian.api.API;

/**
 * A {@link DigestInputStream} over sha256 that also counts the bytes, and hashes the bytes it
 * skips. Closing it closes the source.
 */
@API(status = INTERNAL, since = "0.1")
public final class DigestingInputStream extends DigestInputStream {

  private long count;

  public DigestingInputStream(InputStream in) {
    super(in, Digest.newSha256());
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  /** Reads (and so hashes) the skipped bytes. */
  @Override
  public long skip(long n) throws IOException {
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

  /**
   * Reads the source to its end, so trailing bytes (a tar's padding after its end records) are
   * hashed too.
   */
  public void drain() throws IOException {
    skip(Long.MAX_VALUE);
  }

  /** The number of bytes read or skipped so far. */
  public long count() {
    return count;
  }

  /** The digest of the bytes so far; call once, at the end (it resets the hash). */
  public Digest digest() {
    return Digest.ofHash(getMessageDigest().digest());
  }
}
