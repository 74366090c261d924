package dev.containermatrix.backend.image;

import static dev.containermatrix.backend.oci.MediaTypes.DOCKER_MANIFEST;
import static dev.containermatrix.backend.oci.MediaTypes.DOCKER_MANIFEST_LIST;
import static dev.containermatrix.backend.oci.MediaTypes.OCI_INDEX;
import static dev.containermatrix.backend.oci.MediaTypes.OCI_MANIFEST;

import dev.containermatrix.backend.oci.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * A content descriptor of an index or manifest: media type, sha256 digest, size, and for index
 * entries an optional platform.
 */
record OciDescriptor(
    String mediaType,
    Digest digest,
    long size,
    Optional<Platform> platform,
    Map<String, String> annotations) {

  OciDescriptor {
    annotations = Map.copyOf(annotations);
  }

  boolean isIndex() {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST);
  }

  boolean isManifest() {
    return mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST);
  }

  /**
   * An attestation or signature manifest that buildx puts next to the image (platform
   * unknown/unknown).
   */
  boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
        || platform.map(p -> p.os().equals("unknown")).orElse(false);
  }

  /** For messages: {@code linux/amd64 sha256:ab… (ref app:1)}. */
  String label() {
    String name =
        annotations.getOrDefault(
            "org.opencontainers.image.ref.name",
            annotations.getOrDefault("io.containerd.image.name", ""));
    return platform.map(Platform::toString).orElse("(no platform)")
        + " "
        + digest
        + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
