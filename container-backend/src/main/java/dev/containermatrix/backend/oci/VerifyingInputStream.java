package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Passes a blob's bytes through and, at their end, checks that they were {@code expectedSize} bytes
 * with digest {@code expected}; if not, the read that reached the end throws what {@link Mismatch}
 * makes. Closing before the end reads the rest first, so a blob that is opened is always verified.
 * Closing closes the source.
 */
@API(status = INTERNAL, since = "0.1")
public final class VerifyingInputStream extends FilterInputStream {

  /** Makes the error for a blob that is not what was expected; it names the blob and what to do. */
  @FunctionalInterface
  public interface Mismatch {
    IOException error(Digest actual, long count);
  }

  private final Digest expected;
  private final long expectedSize;
  private final Mismatch mismatch;
  private boolean verified;

  public VerifyingInputStream(
      InputStream source, Digest expected, long expectedSize, Mismatch mismatch) {
    super(new DigestingInputStream(source));
    this.expected = Objects.requireNonNull(expected, "expected");
    this.expectedSize = expectedSize;
    this.mismatch = Objects.requireNonNull(mismatch, "mismatch");
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
      while (!verified && read(buffer, 0, buffer.length) >= 0) {
        // draining, so that the check covers the whole blob
      }
    } finally {
      in.close();
    }
  }

  private void end() throws IOException {
    if (!verified) {
      verified = true;
      DigestingInputStream digesting = (DigestingInputStream) in;
      Digest actual = digesting.digest();
      if (!actual.equals(expected) || digesting.count() != expectedSize) {
        throw mismatch.error(actual, digesting.count());
      }
    }
  }
}
