package dev.containermatrix.backend.layers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one place that asks the JDK for SHA-256, which every JDK must provide. */
final class Sha256 {

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks SHA-256, which every Java SE platform must provide", e);
    }
  }
}
