package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.hostfs.PrivateDirectory;
import dev.containermatrix.backend.image.Compression;
import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Finished runs kept in one directory ({@code containermatrix.archive.dir}) that is itself an OCI
 * image layout: one image manifest per archived variant, every blob stored once across variants and
 * runs, and each run's record. The format is documented in {@code docs/archive-format.md}.
 *
 * <p>Opening an archive creates its layout if it is missing; the work is done by three parts that
 * share the opened layout: the {@link #writer()} adds blobs, images and runs, the {@link #reader()}
 * lists runs and reads what they reference (every blob checked against its digest), and the {@link
 * #accounts()} say what runs cost and apply retention.
 *
 * <pre>{@code
 * RunArchive archive = RunArchive.open(Path.of("build/archive"));
 * Descriptor record = archive.writer().addBlob(recordJson, RunArchive.RECORD_MEDIA_TYPE);
 * archive.writer().commitRun("20260101-1200", Instant.now(), record, Map.of("json-2.10", manifest));
 * archive.reader().verify(archive.reader().run("20260101-1200").orElseThrow());
 * archive.accounts().retain(RetentionPolicy.keepLast(20));
 * }</pre>
 *
 * <p>A run's blobs become referenced when its run is committed; until then, retention leaves blobs
 * younger than {@link #UNCOMMITTED_GRACE} alone.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunArchive {

  /**
   * The media type of archived layers: uncompressed tars, so a layer's blob digest is its DiffID.
   */
  public static final String LAYER_MEDIA_TYPE = Compression.NONE.ociMediaType();

  /** The media type of a run record blob (the engine's JSON). */
  public static final String RECORD_MEDIA_TYPE =
      "application/vnd.containermatrix.run-record.v1+json";

  /** The media type of a variant's OCI runtime {@code config.json} blob. */
  public static final String RUNTIME_CONFIG_MEDIA_TYPE =
      "application/vnd.containermatrix.oci-runtime-config.v1+json";

  /** The image config label that names the runtime config blob's digest. */
  public static final String RUNTIME_CONFIG_LABEL = "dev.containermatrix.runtime-config";

  /**
   * How long retention keeps an unreferenced blob after it was written or claimed: time enough to
   * commit a run.
   */
  public static final Duration UNCOMMITTED_GRACE = Duration.ofHours(1);

  private final ArchiveLayout layout;
  private final Optional<String> notPrivate;
  private final ArchiveWriter writer;
  private final ArchiveReader reader;
  private final ArchiveAccounts accounts;

  private RunArchive(
      ArchiveLayout layout, Clock clock, LinuxCalls calls, Optional<String> notPrivate) {
    this.layout = layout;
    this.notPrivate = notPrivate;
    IndexFile index = new IndexFile(layout);
    BlobReferrers referrers = new BlobReferrers(layout, index);
    ArchiveBlobs blobs = new ArchiveBlobs(layout, clock, referrers);
    this.reader = new ArchiveReader(layout, index, blobs, referrers);
    this.writer = new ArchiveWriter(layout, index, blobs, reader, calls);
    this.accounts = new ArchiveAccounts(layout, index, blobs, reader, clock);
  }

  /**
   * Opens the archive in {@code directory}, creating an empty OCI image layout there if it is
   * missing. The directory is made private (mode 0700): created so, or tightened if it belongs to
   * this user; see {@link #notPrivate()}.
   */
  public static RunArchive open(Path directory) throws IOException {
    return open(directory, Clock.systemUTC());
  }

  static RunArchive open(Path directory, Clock clock) throws IOException {
    Objects.requireNonNull(directory, "directory");
    Optional<String> notPrivate = PrivateDirectory.ensure(directory);
    ArchiveLayout layout = new ArchiveLayout(directory.toRealPath());
    layout.create();
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      new IndexFile(layout).createIfMissing();
    }
    return new RunArchive(layout, clock, LinuxCalls.system(), notPrivate);
  }

  /** The archive's directory, symlinks resolved. */
  public Path directory() {
    return layout.root();
  }

  /**
   * Why the archive's directory is not private, if it is not: it belongs to another user and lets
   * others in. Empty when it has mode 0700, as a directory this archive created or tightened has.
   */
  public Optional<String> notPrivate() {
    return notPrivate;
  }

  /** Adds layers, blobs, images and runs; never {@code null}. */
  public ArchiveWriter writer() {
    return writer;
  }

  /** Lists runs and reads what they reference, checked; never {@code null}. */
  public ArchiveReader reader() {
    return reader;
  }

  /** What runs cost, and retention; never {@code null}. */
  public ArchiveAccounts accounts() {
    return accounts;
  }

  @Override
  public String toString() {
    return "RunArchive[" + layout.root() + "]";
  }
}
