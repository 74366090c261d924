package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's retention: removes layers no run has used since a cutoff. A layer whose lock is held
 * (being built, touched or removed elsewhere) is skipped. A layer first disappears from {@code
 * layers/} by one rename into {@code tmp/}, then its record and tree are deleted, so a crash leaves
 * only debris. A record without its directory is deleted; a directory without a readable record is
 * damaged and removed too.
 */
final class LayerRetention {

  private final StoreLayout layout;

  LayerRetention(StoreLayout layout) {
    this.layout = layout;
  }

  /** The layers it removed, each with its recorded size (0 for a damaged one). */
  List<StoredLayer> apply(Instant cutoff) throws IOException {
    List<StoredLayer> removed = new ArrayList<>();
    for (Digest digest : layout.storedDigests()) {
      Path lockFile = layout.lockFile(digest);
      try {
        Files.createFile(lockFile);
      } catch (FileAlreadyExistsException e) {
        // the usual case
      }
      Optional<StoreLock> free = StoreLock.tryAcquire(lockFile);
      if (free.isEmpty()) {
        continue;
      }
      try (StoreLock held = free.get()) {
        removeIfUnused(digest, cutoff).ifPresent(removed::add);
      }
    }
    return removed;
  }

  private Optional<StoredLayer> removeIfUnused(Digest digest, Instant cutoff) throws IOException {
    Path directory = layout.layerDirectory(digest);
    Path recordFile = layout.recordFile(digest);
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(recordFile);
      return Optional.empty();
    }
    LayerRecord record = null;
    if (Files.exists(recordFile)) {
      try {
        record = LayerRecord.read(recordFile, digest, directory);
      } catch (LayerStoreException damaged) {
        record = null;
      }
    }
    if (record != null && !record.lastUsed().isBefore(cutoff)) {
      return Optional.empty();
    }
    try (TempWork work = TempWork.create(layout.tempDirectory())) {
      Files.move(directory, work.directory().resolve("layer"), StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(recordFile);
    }
    return Optional.of(
        record == null
            ? new StoredLayer(digest, directory, 0, false, OverlayConvention.NONE)
            : new StoredLayer(
                digest, directory, record.sizeBytes(), false, record.overlayConvention()));
  }
}
