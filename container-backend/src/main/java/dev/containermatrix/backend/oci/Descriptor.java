package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor: a blob's media type, digest and size, and for an index entry its
 * platform and annotations. In JSON in that order; an absent platform and empty annotations are
 * left out.
 *
 * @param mediaType e.g. {@code application/vnd.oci.image.layer.v1.tar}; never empty
 * @param digest the blob's sha256
 * @param size its size in bytes, {@code >= 0}
 * @param platform for an index entry, the platform it is for, if it says
 * @param annotations in document order; never {@code null}, maybe empty
 */
@API(status = INTERNAL, since = "0.1")
@JsonAutoDetect(
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    fieldVisibility = Visibility.NONE)
@JsonPropertyOrder({"mediaType", "digest", "size", "platform", "annotations"})
public record Descriptor(
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("digest") Digest digest,
    @JsonProperty("size") long size,
    Optional<Platform> platform,
    @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> annotations) {

  /** The annotation an OCI layout names a tagged image by. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the media type is empty or the size negative
   */
  public Descriptor {
    Checks.text(mediaType, "mediaType");
    Checks.present(digest, "\"digest\"");
    if (size < 0) {
      throw new IllegalArgumentException("has a negative \"size\" (" + size + ")");
    }
    Checks.present(platform, "platform (use Optional.empty())");
    annotations = Checks.ordered(annotations, "annotations");
  }

  /** A descriptor without platform and annotations, as a manifest lists its config and layers. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, Optional.empty(), Map.of());
  }

  @JsonCreator
  static Descriptor json(
      @JsonProperty("mediaType") @Nullable String mediaType,
      @JsonProperty("digest") @Nullable Digest digest,
      @JsonProperty("size") @Nullable Long size,
      @JsonProperty("platform") @Nullable Platform platform,
      @JsonProperty("annotations") @Nullable Map<String, String> annotations) {
    return new Descriptor(
        Checks.text(mediaType, "mediaType"),
        Checks.present(digest, "\"digest\""),
        Checks.present(size, "\"size\" number"),
        Optional.ofNullable(platform),
        annotations == null ? Map.of() : annotations);
  }

  @JsonProperty("platform")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Nullable Platform jsonPlatform() {
    return platform.orElse(null);
  }

  /** Whether it names an image index (OCI) or manifest list (Docker). */
  @JsonIgnore
  public boolean isIndex() {
    return mediaType.equals(MediaTypes.OCI_INDEX)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  /** Whether it names an image manifest (OCI or Docker v2). */
  @JsonIgnore
  public boolean isManifest() {
    return mediaType.equals(MediaTypes.OCI_MANIFEST)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST);
  }

  /**
   * Whether it is an attestation or signature manifest that buildx puts next to the image (platform
   * unknown/unknown).
   */
  @JsonIgnore
  public boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
        || platform.map(p -> p.os().equals("unknown")).orElse(false);
  }

  /** For messages: {@code linux/amd64 sha256:ab… (ref app:1)}. */
  public String label() {
    String name =
        annotations.getOrDefault(
            REF_NAME, annotations.getOrDefault("io.containerd.image.name", ""));
    return platform.map(Platform::toString).orElse("(no platform)")
        + " "
        + digest
        + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
