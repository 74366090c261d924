package dev.containermatrix.engine.plan;

import dev.containermatrix.backend.layers.DigestIndex;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers, under the store's {@code plan-index/<kind>/<key>}, which layer was built for a key (a
 * JDK's identity, a class-data archive's inputs), so a later run or another JVM finds it without
 * building it again: the store's {@link DigestIndex} of that kind, read against the store.
 */
final class PlanIndex {
  private final LayerStore store;
  private final DigestIndex index;

  PlanIndex(LayerStore store, String kind) {
    this.store = store;
    this.index = store.planIndex(kind);
  }

  /** A key for {@code text}: its sha256 in hex. */
  static String key(String text) {
    return Digest.of(text.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** Where the entry of {@code key} is (its lock file goes beside it). */
  Path entry(String key) {
    return index.entry(key);
  }

  /** The layer remembered for {@code key}, if there is one and the store still has it. */
  Optional<StoredLayer> find(String key) throws IOException {
    Optional<Digest> digest = index.find(key);
    return digest.isPresent() ? store.get(digest.get()) : Optional.empty();
  }

  /** Remembers {@code layer} for {@code key}. */
  void remember(String key, StoredLayer layer) throws IOException {
    index.put(key, layer.digest());
  }
}
