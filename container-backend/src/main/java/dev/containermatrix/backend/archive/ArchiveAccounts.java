package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The accounts of a {@link RunArchive}: what each run references and costs, what the blobs take on
 * disk, and what a {@link RetentionPolicy} keeps ({@link Retention} applies it under the archive's
 * lock). A run's references are read through the {@link ArchiveReader}, so they are checked.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArchiveAccounts {

  private final ArchiveLayout layout;
  private final IndexFile index;
  private final ArchiveBlobs blobs;
  private final ArchiveReader reader;
  private final Clock clock;

  ArchiveAccounts(
      ArchiveLayout layout,
      IndexFile index,
      ArchiveBlobs blobs,
      ArchiveReader reader,
      Clock clock) {
    this.layout = layout;
    this.index = index;
    this.blobs = blobs;
    this.reader = reader;
    this.clock = clock;
  }

  /**
   * Removes the runs {@code policy} does not keep from {@code index.json}, then deletes every blob
   * no remaining run references (and that is older than {@link RunArchive#UNCOMMITTED_GRACE}),
   * under the archive's lock.
   *
   * @throws ArchiveIntegrityException if a remaining run's manifest or config cannot be read, since
   *     what it references is then unknown; no blob is deleted then
   */
  public RetentionResult retain(RetentionPolicy policy) throws IOException {
    Objects.requireNonNull(policy, "policy");
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      return new Retention(layout, index, clock.instant()).apply(policy, this::blobsOf);
    }
  }

  /**
   * What each run costs, oldest first: all the blobs it references, and those no other run
   * references.
   */
  public List<RunUsage> usage() throws IOException {
    List<ArchivedRun> runs = index.runs();
    List<Map<Digest, Long>> referenced = new ArrayList<>();
    Map<Digest, Integer> users = new HashMap<>();
    for (ArchivedRun run : runs) {
      Map<Digest, Long> blobsOfRun = blobsOf(run);
      referenced.add(blobsOfRun);
      blobsOfRun.keySet().forEach(digest -> users.merge(digest, 1, Integer::sum));
    }
    List<RunUsage> result = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      long total = 0;
      long own = 0;
      for (Map.Entry<Digest, Long> blob : referenced.get(i).entrySet()) {
        total += blob.getValue();
        own += users.get(blob.getKey()) == 1 ? blob.getValue() : 0;
      }
      ArchivedRun run = runs.get(i);
      result.add(
          new RunUsage(
              run.runId(), run.created(), run.manifestDigestByVariantId().size(), total, own));
    }
    return result;
  }

  /**
   * The size of every blob in the archive, referenced or not: what {@code du} would say of {@code
   * blobs/}.
   */
  public long blobBytes() throws IOException {
    try (Stream<Path> files = Files.list(layout.blobDirectory())) {
      long total = 0;
      for (Path blob : (Iterable<Path>) files::iterator) {
        try {
          total += Files.size(blob);
        } catch (NoSuchFileException e) {
          // removed meanwhile by retention
        }
      }
      return total;
    }
  }

  @Override
  public String toString() {
    return "ArchiveAccounts[" + layout.root() + "]";
  }

  /**
   * Every blob {@code run} references, with its size; manifests and configs are read and checked.
   */
  Map<Digest, Long> blobsOf(ArchivedRun run) throws IOException {
    Map<Digest, Long> result = new TreeMap<>();
    Digest record = run.recordDigest();
    result.put(record, sizeOf(record));
    for (String variant : run.manifestDigestByVariantId().keySet()) {
      ArchivedImageView view = reader.image(run, variant);
      for (Descriptor blob : List.of(view.manifest(), view.config(), view.runtimeConfig())) {
        result.put(blob.digest(), blob.size());
      }
      view.layers().forEach(layer -> result.put(layer.digest(), layer.size()));
    }
    return result;
  }

  private long sizeOf(Digest digest) throws IOException {
    try {
      return blobs.size(digest);
    } catch (NoSuchFileException e) {
      return blobs.read(digest, OptionalLong.empty())
          .length; // throws the integrity exception for a missing blob
    }
  }
}
