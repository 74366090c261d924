package dev.containermatrix.engine.plan;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Remembers, under the store's {@code plan-index/<kind>/<key>}, which layer was built for a key (a
 * JDK's identity, a class-data archive's inputs), so a later run or another JVM finds it without
 * building it again. An entry is written to a temporary file and renamed into place.
 */
final class PlanIndex {
  private final LayerStore store;
  private final Path directory;

  PlanIndex(LayerStore store, String kind) {
    this.store = store;
    this.directory = store.root().resolve("plan-index").resolve(kind);
  }

  /** A key for {@code text}: its sha256 in hex. */
  static String key(String text) {
    return Digest.of(text.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** Where the entry of {@code key} is (its lock file goes beside it). */
  Path entry(String key) {
    return directory.resolve(key);
  }

  /** The layer remembered for {@code key}, if there is one and the store still has it. */
  Optional<StoredLayer> find(String key) throws IOException {
    Path entry = entry(key);
    if (!Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    return store.get(Digest.parse(Files.readString(entry).strip()));
  }

  /** Remembers {@code layer} for {@code key}. */
  void remember(String key, StoredLayer layer) throws IOException {
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, ".entry", ".tmp");
    Files.writeString(temp, layer.digest().toString());
    Files.move(
        temp, entry(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
