package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.LayerDigest;
import dev.containermatrix.backend.layers.Sha256;
import java.security.MessageDigest;

/** sha256 digests as the archive writes them, {@code sha256:<64 lowercase hex>}, through {@link LayerDigest}. */
final class BlobDigests {

  private BlobDigests() {}

  /** Returns {@code digest} if it is of that form, else throws naming {@code what}. */
  static String check(String digest, String what) {
    try {
      if (LayerDigest.parse(digest).toString().equals(digest)) {
        return digest;
      }
    } catch (IllegalArgumentException e) {
      // reported below with what it is
    }
    throw new IllegalArgumentException(what + " must be sha256: followed by 64 lowercase hex digits, was \""
        + digest + "\"");
  }

  static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  static MessageDigest sha256() {
    return Sha256.newDigest();
  }

  static String of(MessageDigest finished) {
    return LayerDigest.of(finished.digest()).toString();
  }

  static String of(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return of(digest);
  }
}
