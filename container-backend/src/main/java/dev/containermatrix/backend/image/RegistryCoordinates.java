package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Digest;

/**
 * Where a {@code registry:} reference points: {@code [host[:port]/]name[:tag|@digest]}, as Docker
 * reads it. Without a host (no dot, colon or {@code localhost} in the first component) it is Docker
 * Hub, with {@code library/} before one-component names; without a tag or digest it is {@code
 * latest}. A digest must be {@code sha256:} and 64 lowercase hex digits: it pins the manifest,
 * which is refused unless it hashes to it. Which scheme the host is spoken to with is {@link
 * RegistryTransport}'s to decide.
 */
record RegistryCoordinates(String host, String name, String reference) {
  static final String DOCKER_HUB = "registry-1.docker.io";

  static RegistryCoordinates parse(String text) {
    String rest = text;
    String host = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        host = first;
        rest = rest.substring(slash + 1);
      }
    }
    String reference = "latest";
    int at = rest.indexOf('@');
    if (at >= 0) {
      reference = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (Digest.tryParse(reference).isEmpty()) {
        throw new IllegalArgumentException(
            "registry:"
                + text
                + " pins \""
                + reference
                + "\", which is no sha256"
                + " digest: write registry:[host[:port]/]name@sha256:<64 lowercase hex digits>");
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon > rest.lastIndexOf('/')) {
        reference = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
    }
    if (rest.isEmpty()
        || !rest.matches("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*")) {
      throw new IllegalArgumentException(
          "registry:"
              + text
              + " names no repository: write registry:[host[:port]/]name[:tag|@sha256:…]");
    }
    if (host.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    return new RegistryCoordinates(host, rest, reference);
  }

  /** The digest the reference pins, if it names one ({@code name@sha256:…}) rather than a tag. */
  java.util.Optional<String> pinnedDigest() {
    return Digest.tryParse(reference).map(Digest::toString);
  }
}
