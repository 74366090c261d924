package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HexFormat;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The sha256 digest of a layer's uncompressed tar (its OCI DiffID), written {@code sha256:<64 lowercase hex>}.
 * Built only through {@link #parse(String)} and {@link #of(byte[])}, which validate.
 *
 * @param hex the 64 lowercase hex digits
 */
@API(status = INTERNAL, since = "0.1")
public record LayerDigest(String hex) {

  private static final String PREFIX = "sha256:";
  private static final int HEX_LENGTH = 64;

  /** Validates; use the factories. */
  public LayerDigest {
    Objects.requireNonNull(hex, "hex");
    if (!isHex(hex)) {
      throw new IllegalArgumentException(
          "a layer digest's hex part must be 64 lowercase hex digits, was \"" + hex + "\"");
    }
  }

  /**
   * Parses {@code sha256:<64 hex digits>}; uppercase hex is accepted and lowered.
   *
   * @throws IllegalArgumentException naming the value if it is not of that form
   */
  public static LayerDigest parse(@Nullable String value) {
    if (value == null || !value.startsWith(PREFIX) || !isHex(value.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("not a layer digest: \"" + value
          + "\"; expected \"sha256:\" followed by 64 hex digits, as in an OCI manifest's diff_ids");
    }
    return new LayerDigest(value.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The digest of 32 sha256 bytes.
   *
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
   */
  public static LayerDigest of(byte[] sha256) {
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.length != HEX_LENGTH / 2) {
      throw new IllegalArgumentException("a sha256 digest is 32 bytes, was " + sha256.length + " bytes");
    }
    return new LayerDigest(HexFormat.of().formatHex(sha256));
  }

  /** {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return PREFIX + hex;
  }

  private static boolean isHex(String value) {
    if (value.length() != HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
