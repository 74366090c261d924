package dev.containermatrix.backend.docker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds request targets under the API version prefix: a container or image named in a path is
 * checked against the engine's own name rules first, so no name can change the path it lands in,
 * and query values are percent-encoded.
 */
final class ApiPaths {

  /** A container id or name, as the engine allows them. */
  private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

  /** An image id ({@code sha256:…}) or reference ({@code registry:5000/name:tag@sha256:…}). */
  private static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.:/@-]{0,511}");

  private final String prefix;

  ApiPaths(ApiVersion version) {
    this.prefix = "/v" + version;
  }

  /** {@code /v1.41<path>}. */
  String of(String path) {
    return prefix + path;
  }

  /** {@code /v1.41/containers/<id><rest>}. */
  String container(String id, String rest) {
    return prefix + "/containers/" + checkContainer(id) + rest;
  }

  /** {@code /v1.41/images/<name><rest>}. */
  String image(String name, String rest) {
    return prefix + "/images/" + checkImage(name) + rest;
  }

  static String checkContainer(String id) {
    if (id == null || !CONTAINER.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A container id or name is 1 to 255 of [a-zA-Z0-9_.-], starting with a letter or digit;"
              + " was \""
              + id
              + "\"");
    }
    return id;
  }

  static String checkImage(String name) {
    if (name == null || !IMAGE.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "An image id or reference is 1 to 512 of [a-zA-Z0-9_.:/@-], starting with a letter or"
              + " digit, without \"..\"; was \""
              + name
              + "\"");
    }
    return name;
  }

  /** {@code value}, percent-encoded for a query. */
  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
