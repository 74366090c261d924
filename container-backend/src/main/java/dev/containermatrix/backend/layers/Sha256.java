package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apiguardian.api.API;

/** The one place that asks the JDK for SHA-256, which every JDK must provide (image blobs use it too). */
@API(status = INTERNAL, since = "0.1")
public final class Sha256 {

  private Sha256() {}

  /** A new SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks SHA-256, which every Java SE platform must provide", e);
    }
  }
}
