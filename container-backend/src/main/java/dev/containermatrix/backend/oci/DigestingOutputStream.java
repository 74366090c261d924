package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import org.apiguardian.api.API;

/** A {@link DigestOutputStream} over sha256. Closing it closes the target. */
@API(status = INTERNAL, since = "0.1")
public final class DigestingOutputStream extends DigestOutputStream {

  public DigestingOutputStream(OutputStream out) {
    super(out, Digest.newSha256());
  }

  /** The digest of the bytes so far; call once, at the end (it resets the hash). */
  public Digest digest() {
    return Digest.ofHash(getMessageDigest().digest());
  }
}
