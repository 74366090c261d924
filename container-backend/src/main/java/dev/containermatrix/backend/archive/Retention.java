package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.OciDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One application of a {@link RetentionPolicy}, with the archive's lock held: which runs go (the
 * count and age rules, then the size bound from the newest run down), then which blobs no remaining
 * run (nor another tool's index entry) references. References are computed before anything is
 * removed, so an unreadable manifest stops retention before it deletes anything.
 */
final class Retention {

  /** Every blob a run references, with sizes. */
  @FunctionalInterface
  interface References {
    Map<Digest, Long> of(ArchivedRun run) throws IOException;
  }

  private final ArchiveLayout layout;
  private final IndexFile index;
  private final Instant now;

  Retention(ArchiveLayout layout, IndexFile index, Instant now) {
    this.layout = layout;
    this.index = index;
    this.now = now;
  }

  RetentionResult apply(RetentionPolicy policy, References references) throws IOException {
    List<ArchivedRun> runs = index.runs();
    // protected runs first, then the others newest first: the size bound fills from the newest
    List<Integer> order = new ArrayList<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (policy.protectedRuns().contains(runs.get(i).runId())) {
        order.add(i);
      }
    }
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (!policy.protectedRuns().contains(runs.get(i).runId())) {
        order.add(i);
      }
    }
    Set<Integer> removedIndexes = new TreeSet<>();
    Set<Digest> referenced = new HashSet<>();
    long keptBytes = 0;
    boolean full = false;
    for (int i : order) {
      ArchivedRun run = runs.get(i);
      boolean isProtected = policy.protectedRuns().contains(run.runId());
      if (!isProtected && (full || removes(policy, run, runs.size() - 1 - i))) {
        removedIndexes.add(i);
        continue;
      }
      Map<Digest, Long> blobs = references.of(run);
      long added = 0;
      for (Map.Entry<Digest, Long> blob : blobs.entrySet()) {
        added += referenced.contains(blob.getKey()) ? 0 : blob.getValue();
      }
      if (!isProtected
          && policy.keepBytes().isPresent()
          && keptBytes + added > policy.keepBytes().getAsLong()) {
        full = true; // this run and every older one go
        removedIndexes.add(i);
        continue;
      }
      keptBytes += added;
      referenced.addAll(blobs.keySet());
    }
    List<String> removed = new ArrayList<>();
    removedIndexes.forEach(i -> removed.add(runs.get(i).runId()));
    for (Digest foreign : index.foreignManifests()) {
      referenced.add(foreign);
      referenced.addAll(foreignReferences(foreign));
    }
    if (!removed.isEmpty()) {
      index.remove(new LinkedHashSet<>(removed));
    }
    Instant cutoff = now.minus(RunArchive.UNCOMMITTED_GRACE);
    int deleted = 0;
    long freed = 0;
    try (Stream<Path> files = Files.list(layout.blobDirectory())) {
      for (Path blob : (Iterable<Path>) files::iterator) {
        boolean unreferenced =
            ArchiveLayout.digestOf(blob).map(digest -> !referenced.contains(digest)).orElse(true);
        if (unreferenced && olderThan(blob, cutoff)) {
          long size = Files.size(blob);
          if (Files.deleteIfExists(blob)) {
            deleted++;
            freed += size;
          }
        }
      }
    }
    removeStaleMappings();
    removeOldTemps(cutoff);
    return new RetentionResult(removed, deleted, freed);
  }

  /**
   * @param newer how many runs are newer than this one
   */
  private boolean removes(RetentionPolicy policy, ArchivedRun run, int newer) {
    if (policy.keepLast().isEmpty() && policy.keepFor().isEmpty()) {
      return false;
    }
    boolean beyondLast = policy.keepLast().isEmpty() || newer >= policy.keepLast().getAsInt();
    boolean tooOld =
        policy.keepFor().isEmpty() || run.created().isBefore(now.minus(policy.keepFor().get()));
    return beyondLast && tooOld;
  }

  /**
   * What another tool's manifest references; unreadable ones keep only themselves (and stop
   * nothing).
   */
  private Set<Digest> foreignReferences(Digest manifestDigest) {
    Set<Digest> result = new HashSet<>();
    try {
      Manifest manifest =
          OciDocuments.read(Files.readAllBytes(layout.blob(manifestDigest)), Manifest.class);
      result.add(manifest.config().digest());
      manifest.layers().forEach(layer -> result.add(layer.digest()));
    } catch (IOException | IllegalArgumentException e) {
      // not ours and not readable: what it references cannot be known, so keep every blob of it
      // that is named
      // elsewhere; its own manifest is kept by the caller
    }
    return result;
  }

  private static boolean olderThan(Path file, Instant cutoff) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class)
          .lastModifiedTime()
          .toInstant()
          .isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void removeStaleMappings() throws IOException {
    layout.diffIds().removeIf(blob -> !Files.exists(layout.blob(blob)));
  }

  private void removeOldTemps(Instant cutoff) throws IOException {
    try (Stream<Path> files = Files.list(layout.tempDirectory())) {
      for (Path temp : (Iterable<Path>) files::iterator) {
        if (olderThan(temp, cutoff)) {
          Files.deleteIfExists(temp);
        }
      }
    }
  }
}
