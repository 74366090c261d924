package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostfs.PrivateDirectory;
import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.oci.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Layers unpacked once into read-only directories, keyed by the sha256 of their uncompressed tar,
 * shared by every run, thread and JVM on the host that opens the same root. The layout on disk is
 * documented on {@code StoreLayout} and in {@code docs/layer-store.md}.
 *
 * <ul>
 *   <li>A layer is unpacked into {@code tmp/} while its tar is hashed, then renamed into {@code
 *       layers/sha256/<hex>/}: a crash never leaves a half layer there, only debris in {@code tmp/}
 *       that the next {@link #open} (or {@link #cleanTemp()}) removes.
 *   <li>Building a layer holds its lock ({@code locks/<hex>.lock}, a file lock plus an in-JVM
 *       lock): a second builder of the same layer, in any JVM, waits and then finds it built.
 *   <li>{@link #get} and {@link #put} record the time of use; {@link #retain} keeps the layers used
 *       within a given time and removes the others, never one whose lock is held.
 *   <li>OCI whiteouts are converted to overlay form; see {@link OverlayConvention} for what that
 *       means for the overlay's mount options.
 *   <li>Layers are untrusted input: no entry or link may reach outside its layer; setuid bits,
 *       device nodes and FIFOs are kept only when root unpacks into a root-owned store with a
 *       private (0700) root; a layer beyond its {@link LayerLimits} is refused (see {@code
 *       LayerUnpacker}).
 * </ul>
 *
 * <p>Thread-safe. Unpacked trees are only read after they are stored: nothing must write to them
 * (overlayfs never writes to a lowerdir).
 */
@API(status = INTERNAL, since = "0.1")
public final class LayerStore {

  /** A use is recorded at most this often per layer, to keep reads from rewriting records. */
  private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);

  private final StoreLayout layout;
  private final LayerUnpacker unpacker;
  private final Clock clock;
  private final BuildListener listener;
  private final Optional<String> notPrivate;

  private LayerStore(
      StoreLayout layout,
      LayerUnpacker unpacker,
      Clock clock,
      BuildListener listener,
      Optional<String> notPrivate) {
    this.layout = layout;
    this.unpacker = unpacker;
    this.clock = clock;
    this.listener = listener;
    this.notPrivate = notPrivate;
  }

  /** {@code ~/.cache/containermatrix}, the default of {@code containermatrix.store}. */
  public static Path defaultRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "containermatrix");
  }

  /**
   * Opens the store at {@code root}, creating its directories where missing, and removes the debris
   * of dead processes' work from {@code tmp/}. The root is made private (mode 0700): created so, or
   * tightened if it belongs to this user; see {@link #notPrivate()}.
   */
  public static LayerStore open(Path root) throws IOException {
    return open(root, LayerLimits.DEFAULT);
  }

  /**
   * Opens the store at {@code root} as {@link #open(Path)} does, refusing layers beyond {@code
   * limits}.
   */
  public static LayerStore open(Path root, LayerLimits limits) throws IOException {
    LinuxCalls calls = LinuxCalls.system();
    return open(
        root,
        limits,
        calls,
        OverlayWhiteouts.forThisProcess(calls),
        Clock.systemUTC(),
        BuildListener.NONE);
  }

  static LayerStore open(
      Path root, LinuxCalls calls, OverlayWhiteouts whiteouts, Clock clock, BuildListener listener)
      throws IOException {
    return open(root, LayerLimits.DEFAULT, calls, whiteouts, clock, listener);
  }

  static LayerStore open(
      Path root,
      LayerLimits limits,
      LinuxCalls calls,
      OverlayWhiteouts whiteouts,
      Clock clock,
      BuildListener listener)
      throws IOException {
    Optional<String> notPrivate = PrivateDirectory.ensure(root);
    StoreLayout layout = new StoreLayout(root.toRealPath());
    layout.create();
    boolean processIsRoot = calls.isSupported() && calls.geteuid() == 0;
    LayerUnpacker unpacker =
        new LayerUnpacker(
            calls,
            whiteouts,
            processIsRoot,
            PrivilegedEntries.forStore(layout.root(), processIsRoot),
            limits);
    LayerStore store = new LayerStore(layout, unpacker, clock, listener, notPrivate);
    store.cleanTemp();
    return store;
  }

  /** The store's root directory, symlinks resolved. */
  public Path root() {
    return layout.root();
  }

  /**
   * The store's plan index of {@code kind} ({@code plan-index/<kind>/}): which layer was built for
   * a key, such as a JDK's identity or a class-data archive's inputs, so that a later run or
   * another JVM finds it without building it again.
   */
  public DigestIndex planIndex(String kind) {
    return DigestIndex.in(root().resolve("plan-index").resolve(kind));
  }

  /**
   * Why the store's root is not private, if it is not: it belongs to another user and lets others
   * in, as in "/srv/store belongs to ci, not to me, and has mode rwxr-xr-x, so other users can read
   * what it holds". Empty when the root has mode 0700, as a root this store created or tightened
   * has.
   */
  public Optional<String> notPrivate() {
    return notPrivate;
  }

  /**
   * Stores the layer read from {@code uncompressedTar} (read to its end, not closed).
   *
   * <p>With an {@code expected} digest, the layer's lock is taken first: if the layer is already
   * stored the stream is not read at all ({@link StoredLayer#built()} is {@code false}); otherwise
   * it is unpacked and must hash to {@code expected}. Without one, the tar is unpacked first and
   * its digest known after; if another builder stored it meanwhile, this copy is discarded.
   *
   * @param expected the tar's digest (the DiffID an image's config names), or {@code null} if
   *     unknown
   * @throws LayerStoreException if the tar does not hash to {@code expected}, holds an unsafe
   *     entry, or is beyond the store's {@link LayerLimits}; nothing is stored then
   */
  public StoredLayer put(@Nullable Digest expected, InputStream uncompressedTar)
      throws IOException {
    Objects.requireNonNull(uncompressedTar, "uncompressedTar");
    if (expected != null) {
      return putExpected(expected, work -> uncompressedTar);
    }
    try (TempWork work = TempWork.create(layout.tempDirectory())) {
      Path tree = Files.createDirectory(work.directory().resolve("layer"));
      LayerUnpacker.Unpacked unpacked =
          unpacker.unpack(uncompressedTar, tree, "the layer being read");
      try (StoreLock lock = StoreLock.acquire(layout.lockFile(unpacked.digest()))) {
        Optional<StoredLayer> existing = findAndTouch(unpacked.digest());
        return existing.isPresent() ? existing.get() : commit(unpacked, tree);
      }
    }
  }

  /**
   * Stores {@code layer}: its digest is computed first (host files are read), then, only if the
   * store lacks it, its tar is spooled to {@code tmp/} and unpacked.
   */
  public StoredLayer put(ReproducibleLayer layer) throws IOException {
    Objects.requireNonNull(layer, "layer");
    Digest digest = layer.digest();
    return putExpected(
        digest,
        work -> {
          Path tar = work.directory().resolve("layer.tar");
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar))) {
            layer.writeTo(out);
          }
          return new BufferedInputStream(Files.newInputStream(tar));
        });
  }

  /**
   * The stored layer, recording this use; {@link StoredLayer#built()} is {@code false}.
   *
   * @return empty if the store lacks it
   * @throws LayerStoreException if its directory exists but its record is missing or unreadable,
   *     naming what to delete
   */
  public Optional<StoredLayer> get(Digest digest) throws IOException {
    Objects.requireNonNull(digest, "digest");
    try (StoreLock lock = StoreLock.acquire(layout.lockFile(digest))) {
      return findAndTouch(digest);
    }
  }

  /**
   * Removes from {@code tmp/} what dead processes' work left there; work of live processes (in this
   * JVM or any other) is kept.
   *
   * @return how many files and directories it removed
   */
  public int cleanTemp() throws IOException {
    return TempWork.removeDebris(layout.tempDirectory(), clock.instant());
  }

  /**
   * Keeps the layers a run has used within {@code unusedFor} and removes every other one, skipping
   * layers whose lock is held.
   *
   * @return the removed layers, with the sizes their records gave
   */
  public List<StoredLayer> retain(Duration unusedFor) throws IOException {
    if (unusedFor.isNegative()) {
      throw new IllegalArgumentException("retain needs a duration of 0 or more, was " + unusedFor);
    }
    return new LayerRetention(layout).apply(clock.instant().minus(unusedFor));
  }

  @Override
  public String toString() {
    return "LayerStore[" + layout.root() + "]";
  }

  /** Opens the tar to unpack once the layer's lock is held and the layer is known to be missing. */
  private interface TarSource {
    InputStream open(TempWork work) throws IOException;
  }

  private StoredLayer putExpected(Digest expected, TarSource source) throws IOException {
    try (StoreLock lock = StoreLock.acquire(layout.lockFile(expected))) {
      Optional<StoredLayer> existing = findAndTouch(expected);
      if (existing.isPresent()) {
        return existing.get();
      }
      listener.building(expected);
      try (TempWork work = TempWork.create(layout.tempDirectory())) {
        Path tree = Files.createDirectory(work.directory().resolve("layer"));
        LayerUnpacker.Unpacked unpacked;
        try (InputStream in = source.open(work)) {
          unpacked = unpacker.unpack(in, tree, "layer " + expected);
        }
        if (!unpacked.digest().equals(expected)) {
          throw new LayerStoreException(
              "layer "
                  + expected
                  + " does not match its content: the tar read has digest "
                  + unpacked.digest()
                  + " ("
                  + unpacked.sizeBytes()
                  + " bytes), so its source is damaged or changed since its manifest was written;"
                  + " fetch or export the image again. Nothing was stored");
        }
        return commit(unpacked, tree);
      }
    }
  }

  /**
   * With the layer's lock held: the record first, then the one rename that makes the layer exist.
   */
  private StoredLayer commit(LayerUnpacker.Unpacked unpacked, Path tree) throws IOException {
    Instant now = clock.instant();
    Digest digest = unpacked.digest();
    new LayerRecord(digest, unpacked.sizeBytes(), now, now, unpacked.overlayConvention())
        .write(layout.recordFile(digest), layout.tempDirectory());
    Path directory = layout.layerDirectory(digest);
    Files.move(tree, directory, StandardCopyOption.ATOMIC_MOVE);
    return new StoredLayer(
        digest, directory, unpacked.sizeBytes(), true, unpacked.overlayConvention());
  }

  /** With the layer's lock held. */
  private Optional<StoredLayer> findAndTouch(Digest digest) throws IOException {
    Path directory = layout.layerDirectory(digest);
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path recordFile = layout.recordFile(digest);
    if (!Files.exists(recordFile)) {
      throw new LayerStoreException(
          "the layer store is damaged: layer directory "
              + directory
              + " has no record "
              + recordFile
              + "; delete "
              + directory
              + " and the layer is unpacked again when next needed");
    }
    LayerRecord record = LayerRecord.read(recordFile, digest, directory);
    Instant now = clock.instant();
    if (record.lastUsed().isBefore(now.minus(TOUCH_GRANULARITY))) {
      record.withLastUsed(now).write(recordFile, layout.tempDirectory());
    }
    return Optional.of(
        new StoredLayer(digest, directory, record.sizeBytes(), false, record.overlayConvention()));
  }
}
