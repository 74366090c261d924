package dev.containermatrix.backend.image;

import dev.containermatrix.backend.layers.HashingInputStream;
import dev.containermatrix.backend.layers.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the OCI form {@code sha256:<64 lowercase hex digits>}. */
final class Digests {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  /** Returns {@code digest} if it is a sha256 digest, else throws naming {@code what}. */
  static String checkSha256(String digest, String what) {
    if (!SHA256.matcher(digest).matches()) {
      throw new IllegalArgumentException(what + " must be sha256: followed by 64 lowercase hex digits, was \"" + digest
          + "\"" + (digest.startsWith("sha512:") ? ": sha512 blobs are not supported; re-export the image with sha256" : ""));
    }
    return digest;
  }

  static boolean isSha256(String digest) {
    return SHA256.matcher(digest).matches();
  }

  static String of(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
  }

  /** The digest of everything {@code in} has left; {@code in} is read to its end and closed. */
  static String of(InputStream in) throws IOException {
    try (in) {
      HashingInputStream hashing = new HashingInputStream(in);
      hashing.drain();
      return hashing.digest().toString();
    }
  }

  /** The path of a blob inside an OCI image layout: {@code blobs/sha256/<hex>}. */
  static String layoutPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }
}
