package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A content digest in the OCI form {@code sha256:<64 lowercase hex digits>}: of a blob as stored,
 * or of a layer's uncompressed tar (its DiffID). sha256 is the only algorithm; it is what every
 * image this reads and every blob this writes uses. Built through {@link #parse(String)} and the
 * {@code of} factories, which validate; serialized by Jackson as its string form.
 *
 * @param hex the 64 lowercase hex digits
 */
@API(status = INTERNAL, since = "0.1")
public record Digest(String hex) implements Comparable<Digest> {

  private static final String ALGORITHM = "sha256";
  private static final Pattern FORM = Pattern.compile("sha256:([0-9a-f]{64})");
  private static final int BYTES = 32;

  /**
   * Validates; use the factories.
   *
   * @throws IllegalArgumentException naming {@code hex} if it is not 64 lowercase hex digits
   */
  public Digest {
    Objects.requireNonNull(hex, "hex");
    if (!FORM.matcher(ALGORITHM + ":" + hex).matches()) {
      throw new IllegalArgumentException(
          "a sha256 digest's hex part must be 64 lowercase hex digits, was \"" + hex + "\"");
    }
  }

  /**
   * Parses {@code sha256:<64 lowercase hex digits>}.
   *
   * @throws IllegalArgumentException naming the value if it is not of that form
   */
  @JsonCreator
  public static Digest parse(@Nullable String value) {
    return parse(value, "a digest");
  }

  /**
   * Parses {@code sha256:<64 lowercase hex digits>}.
   *
   * @param what what the value is, for the message: "layer digest", "the manifest digest of run …"
   * @throws IllegalArgumentException naming {@code what} and the value if it is not of that form
   */
  public static Digest parse(@Nullable String value, String what) {
    return tryParse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what
                        + " must be sha256: followed by 64 lowercase hex digits, was \""
                        + value
                        + "\""
                        + (value != null && value.startsWith("sha512:")
                            ? ": sha512 blobs are not supported; re-export the image with sha256"
                            : "")));
  }

  /**
   * The digest {@code value} writes, or empty if it is not {@code sha256:<64 lowercase hex
   * digits>}.
   */
  public static Optional<Digest> tryParse(@Nullable String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher matcher = FORM.matcher(value);
    return matcher.matches() ? Optional.of(new Digest(matcher.group(1))) : Optional.empty();
  }

  /**
   * The digest whose hex part is {@code hex} (a blob's file name in {@code blobs/sha256/}), or
   * empty if it is not 64 lowercase hex digits.
   */
  public static Optional<Digest> tryParseHex(String hex) {
    return tryParse(ALGORITHM + ":" + hex);
  }

  /**
   * The digest whose 32 sha256 bytes are {@code sha256}, as {@link MessageDigest#digest()} gives
   * them.
   *
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
   */
  public static Digest ofHash(byte[] sha256) {
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.length != BYTES) {
      throw new IllegalArgumentException(
          "a sha256 digest is 32 bytes, was " + sha256.length + " bytes");
    }
    return new Digest(HexFormat.of().formatHex(sha256));
  }

  /** The digest of {@code content}. */
  public static Digest of(byte[] content) {
    return ofHash(newSha256().digest(content));
  }

  /** The digest of everything {@code in} has left; {@code in} is read to its end and closed. */
  public static Digest of(InputStream in) throws IOException {
    try (DigestingInputStream digesting = new DigestingInputStream(in)) {
      digesting.drain();
      return digesting.digest();
    }
  }

  /**
   * A new SHA-256 {@link MessageDigest}; the one place that asks the JDK for it (every JDK has it).
   */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "this JDK lacks SHA-256, which every Java SE platform must provide", e);
    }
  }

  /** The algorithm, {@code sha256}. */
  public String algorithm() {
    return ALGORITHM;
  }

  /** Where an OCI image layout keeps the blob: {@code blobs/sha256/<hex>}. */
  public String layoutPath() {
    return "blobs/" + ALGORITHM + "/" + hex;
  }

  /**
   * The digest of the blob at {@code path} in an OCI image layout ({@code blobs/sha256/<hex>}), if
   * it is such a path.
   */
  public static Optional<Digest> fromLayoutPath(String path) {
    String prefix = "blobs/" + ALGORITHM + "/";
    return path.startsWith(prefix)
        ? tryParse(ALGORITHM + ":" + path.substring(prefix.length()))
        : Optional.empty();
  }

  /** {@code sha256:<hex>}. */
  @JsonValue
  @Override
  public String toString() {
    return ALGORITHM + ":" + hex;
  }

  /** By hex digits, so sorted digests are in the order of their file names. */
  @Override
  public int compareTo(Digest other) {
    return hex.compareTo(other.hex);
  }
}
