package dev.containermatrix.backend.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a layer, as written in its tar: relative, '/'-separated, never leaving the layer.
 * {@code ./} prefixes, {@code .} segments, doubled and trailing slashes are dropped.
 */
final class LayerPath {

  private LayerPath() {}

  /**
   * The normalized form of {@code raw}, {@code ""} for the layer's root.
   *
   * @throws IllegalArgumentException with the reason if {@code raw} is absolute, contains a {@code
   *     ..} segment or a NUL character
   */
  static String normalize(String raw) {
    if (raw.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("it contains a NUL character");
    }
    if (raw.startsWith("/")) {
      throw new IllegalArgumentException(
          "it is absolute; paths in a layer are relative to its root");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : raw.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("it contains '..', which would leave the layer");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return String.join("/", segments);
  }

  /** The parent of a normalized path, {@code ""} for a top-level entry. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a normalized path. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
