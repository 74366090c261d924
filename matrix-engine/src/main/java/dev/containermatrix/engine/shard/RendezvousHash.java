package dev.containermatrix.engine.shard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable 64-bit hash of a few strings (the first 8 bytes of their SHA-256, the parts separated by
 * NUL): the same on every JVM, machine and run, unlike {@link String#hashCode()} of a record.
 */
final class RendezvousHash {
  private RendezvousHash() {}

  static long of(String... parts) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sha256.update((byte) 0);
      }
      sha256.update(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return ByteBuffer.wrap(sha256.digest()).getLong();
  }

  /** The weight of {@code shard} (1-based) for a variant: the highest weight wins. */
  static long weight(String testClass, String variantId, int shard) {
    return of(testClass, variantId, Integer.toString(shard));
  }
}
