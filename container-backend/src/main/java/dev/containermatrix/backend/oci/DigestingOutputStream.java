package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import org.apiguardian.api.API;

/** A {@link DigestOutputStream} over sha256 that also counts the bytes. Closing it closes the target. */
@API(status = INTERNAL, since = "0.1")
public final class DigestingOutputStream extends DigestOutputStream {

  private long count;

  public DigestingOutputStream(OutputStream out) {
    super(out, Digest.newSha256());
  }

  @Override
  public void write(int b) throws IOException {
    super.write(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    super.write(b, off, len);
    count += len;
  }

  /** The number of bytes written so far. */
  public long count() {
    return count;
  }

  /** The digest of the bytes so far; call once, at the end (it resets the hash). */
  public Digest digest() {
    return Digest.ofHash(getMessageDigest().digest());
  }
}
