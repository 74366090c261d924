package dev.containermatrix.backend.layers;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes on while computing their sha256 and counting them. */
final class HashingOutputStream extends FilterOutputStream {

  private final MessageDigest sha256 = Sha256.newDigest();
  private long count;

  HashingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha256.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha256.update(b, off, len);
    count += len;
  }

  long count() {
    return count;
  }

  LayerDigest digest() {
    return LayerDigest.of(sha256.digest());
  }
}
