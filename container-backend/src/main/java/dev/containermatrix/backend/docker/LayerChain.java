package dev.containermatrix.backend.docker;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layer-store directories a layer image holds, bottom first, as its labels record them ({@value
 * ContainerLayout#LAYER_STORE_LABEL}, {@value ContainerLayout#LAYER_CHAIN_LABEL}): the directory
 * they are in, and each one's name cut to its first {@value #ID_LENGTH} hex digits (64 bits: a
 * chain of ten layers is a label of 169 characters). {@link LayerImageRetention} removes an image
 * whose chain names a directory that has left the store.
 *
 * @param store the directory the layers are in (a layer store's {@code layers/sha256}), absolute
 * @param ids each layer's directory name cut to {@value #ID_LENGTH} hex digits, bottom first
 */
record LayerChain(Path store, List<String> ids) {

  /** The hex digits of a layer directory's name that a chain keeps. */
  static final int ID_LENGTH = 16;

  /** The {@value ContainerLayout#LAYERS_LABEL} of the bottom image, which holds no layer. */
  static final String ROOT = "root";

  /** A layer store's directory name: the layer's sha256. */
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");

  private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");

  LayerChain {
    Objects.requireNonNull(store, "store must not be null");
    ids = List.copyOf(ids);
  }

  /**
   * The chain labels of the image of {@code layer} committed on an image labelled {@code
   * parentLabels}: the parent's chain and this layer. Where the chain cannot be told (a layer
   * outside a layer store, in another directory than its parent's layers, or a parent without a
   * chain that is not the root image) both labels are empty, overriding those the commit inherits
   * from the parent.
   */
  static Map<String, String> labelsOf(Map<String, String> parentLabels, Path layer) {
    Optional<LayerChain> chain = of(parentLabels, layer);
    return Map.of(
        ContainerLayout.LAYER_STORE_LABEL,
        chain.map(c -> c.store().toString()).orElse(""),
        ContainerLayout.LAYER_CHAIN_LABEL,
        chain.map(c -> String.join(",", c.ids())).orElse(""));
  }

  private static Optional<LayerChain> of(Map<String, String> parentLabels, Path layer) {
    Path absolute = layer.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    Path store = absolute.getParent();
    if (name == null || store == null || !NAME.matcher(name.toString()).matches()) {
      return Optional.empty();
    }
    String id = name.toString().substring(0, ID_LENGTH);
    if (ROOT.equals(parentLabels.get(ContainerLayout.LAYERS_LABEL))) {
      return Optional.of(new LayerChain(store, List.of(id)));
    }
    return from(parentLabels)
        .filter(parent -> parent.store().equals(store))
        .map(parent -> parent.plus(id));
  }

  /** The chain {@code labels} record; empty where they record none, or a malformed one. */
  static Optional<LayerChain> from(Map<String, String> labels) {
    String store = labels.getOrDefault(ContainerLayout.LAYER_STORE_LABEL, "");
    String chain = labels.getOrDefault(ContainerLayout.LAYER_CHAIN_LABEL, "");
    if (store.isEmpty() || chain.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = List.of(chain.split(",", -1));
    if (!ids.stream().allMatch(id -> ID.matcher(id).matches())) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(store);
      return path.isAbsolute() ? Optional.of(new LayerChain(path, ids)) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The id of the layer directory {@code name}, where it is a layer store's. */
  static Optional<String> idOf(String name) {
    return NAME.matcher(name).matches()
        ? Optional.of(name.substring(0, ID_LENGTH))
        : Optional.empty();
  }

  private LayerChain plus(String id) {
    List<String> longer = new ArrayList<>(ids);
    longer.add(id);
    return new LayerChain(store, longer);
  }
}
