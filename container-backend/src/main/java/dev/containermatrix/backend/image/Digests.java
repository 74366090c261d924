package dev.containermatrix.backend.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
    }
  }

  static String of(MessageDigest finished) {
    return "sha256:" + HexFormat.of().formatHex(finished.digest());
  }

  static String of(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return of(digest);
  }

  /** The path of a blob inside an OCI image layout: {@code blobs/sha256/<hex>}. */
  static String layoutPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }
}
