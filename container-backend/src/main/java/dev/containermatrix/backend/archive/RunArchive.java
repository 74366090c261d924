package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.hostfs.PrivateDirectory;
import dev.containermatrix.backend.image.Compression;
import dev.containermatrix.backend.image.Image;
import dev.containermatrix.backend.image.ImageConfig;
import dev.containermatrix.backend.image.ImageImport;
import dev.containermatrix.backend.image.ImageLayerBlob;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Finished runs kept in one directory ({@code containermatrix.archive.dir}) that is itself an OCI
 * image layout: one image manifest per archived variant, every blob stored once across variants and
 * runs, and each run's record. The format is documented in {@code docs/archive-format.md}.
 *
 * <pre>{@code
 * RunArchive archive = RunArchive.open(Path.of("build/archive"));
 * List<ArchivedBlob> layers = new ArrayList<>();
 * for (StoredLayer layer : variantLayers) {
 *   layers.add(archive.addLayer(layer));
 * }
 * ArchivedBlob manifest = archive.addImage(new ImageSpec(layers, env, cmd, "/work", labels, runtimeConfigJson));
 * ArchivedBlob record = archive.addBlob(recordJson, RunArchive.RECORD_MEDIA_TYPE);
 * archive.commitRun("20260101-1200", Instant.now(), record, Map.of("json-2.10", manifest));
 * }</pre>
 *
 * <p>Every blob is checked against its digest when it is read; a mismatch throws {@link
 * ArchiveIntegrityException} naming the blob, and nothing read from it is returned. Writers in
 * several threads and JVMs may use one archive at once: blobs are renamed into place and {@code
 * index.json} is rewritten under a file lock. A run's blobs become referenced when its run is
 * committed; until then, retention leaves blobs younger than {@link #UNCOMMITTED_GRACE} alone.
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
  private final IndexFile index;
  private final ArchiveBlobs blobs;
  private final Clock clock;
  private final LinuxCalls calls;
  private final Optional<String> notPrivate;

  private RunArchive(
      ArchiveLayout layout, Clock clock, LinuxCalls calls, Optional<String> notPrivate) {
    this.layout = layout;
    this.index = new IndexFile(layout);
    this.blobs = new ArchiveBlobs(layout, clock, this::referrers);
    this.clock = clock;
    this.calls = calls;
    this.notPrivate = notPrivate;
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
    RunArchive archive = new RunArchive(layout, clock, LinuxCalls.system(), notPrivate);
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      archive.index.createIfMissing();
    }
    return archive;
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

  /**
   * Archives a stored layer as an uncompressed tar re-made from its unpacked tree (see {@code
   * docs/archive-format.md}); a layer archived before is found through {@code diffids/} and not
   * re-tarred. The blob's digest equals the store's when the layer was built reproducibly.
   */
  public ArchivedBlob addLayer(StoredLayer layer) throws IOException {
    Objects.requireNonNull(layer, "layer");
    Path mapping = layout.diffId(layer.digest().hex());
    Optional<String> known = knownDigest(mapping);
    if (known.isPresent() && blobs.claim(known.get())) {
      return new ArchivedBlob(known.get(), blobs.size(known.get()), LAYER_MEDIA_TYPE);
    }
    ReproducibleLayer tar = StoredLayerTar.of(layer, calls);
    ArchivedBlob blob = blobs.write(tar::writeTo, LAYER_MEDIA_TYPE);
    layout.replace(mapping, blob.digest().getBytes(StandardCharsets.US_ASCII));
    return blob;
  }

  /**
   * Stores {@code content} (e.g. a run record, with {@link #RECORD_MEDIA_TYPE}) unless the archive
   * has it.
   */
  public ArchivedBlob addBlob(byte[] content, String mediaType) throws IOException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mediaType, "mediaType");
    return blobs.put(content, mediaType);
  }

  /**
   * Stores a variant's runtime config, image config and image manifest.
   *
   * @return the manifest, to pass to {@link #commitRun}
   * @throws IllegalArgumentException if a layer is not in the archive
   */
  public ArchivedBlob addImage(ImageSpec image) throws IOException {
    Objects.requireNonNull(image, "image");
    for (ArchivedBlob layer : image.layers()) {
      if (!blobs.exists(layer.digest())) {
        throw new IllegalArgumentException(
            "layer "
                + layer.digest()
                + " is not in the archive "
                + layout.root()
                + "; add it with addLayer before the image that uses it");
      }
    }
    ArchivedBlob runtimeConfig = blobs.put(image.runtimeConfigJson(), RUNTIME_CONFIG_MEDIA_TYPE);
    ArchivedBlob config =
        blobs.put(ImageJson.config(image, runtimeConfig.digest()), MediaTypes.OCI_CONFIG);
    return blobs.put(ImageJson.manifest(config, image.layers()), MediaTypes.OCI_MANIFEST);
  }

  /**
   * Lists the run in {@code index.json}, one entry per variant, under the archive's lock. The
   * record and every manifest must be in the archive, and each manifest's config and layers too.
   *
   * @throws IllegalStateException if the run id is already archived
   * @throws IllegalArgumentException if an id is invalid (see {@code docs/archive-format.md}),
   *     there are no variants, or a blob is missing
   */
  public void commitRun(
      String runId,
      Instant created,
      ArchivedBlob record,
      Map<String, ArchivedBlob> manifestsByVariantId)
      throws IOException {
    Objects.requireNonNull(record, "record");
    Map<String, String> digests = new LinkedHashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    manifestsByVariantId.forEach(
        (variant, manifest) -> {
          digests.put(variant, manifest.digest());
          sizes.put(manifest.digest(), manifest.size());
        });
    ArchivedRun run = new ArchivedRun(runId, created, record.digest(), digests);
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      requirePresent(record.digest(), "the record of run " + runId);
      for (Map.Entry<String, String> variant : digests.entrySet()) {
        requirePresent(variant.getValue(), "the manifest of variant " + variant.getKey());
        ImageJson.Manifest manifest =
            manifest(variant.getValue(), OptionalLong.of(sizes.get(variant.getValue())));
        requirePresent(manifest.config().digest(), "the config of variant " + variant.getKey());
        for (ArchivedBlob layer : manifest.layers()) {
          requirePresent(layer.digest(), "a layer of variant " + variant.getKey());
        }
      }
      index.add(run, sizes);
    }
  }

  /** The archived runs, oldest first; never {@code null}, maybe empty. */
  public List<ArchivedRun> runs() throws IOException {
    return index.runs();
  }

  /** The archived run {@code runId}, if there is one. */
  public Optional<ArchivedRun> run(String runId) throws IOException {
    return runs().stream().filter(r -> r.runId().equals(runId)).findFirst();
  }

  /**
   * A blob's bytes, read whole and checked against {@code digest}.
   *
   * @throws ArchiveIntegrityException if it is missing or does not hash to {@code digest}
   */
  public byte[] readBlob(String digest) throws IOException {
    Digest.parse(digest, "a blob digest");
    return blobs.read(digest, OptionalLong.empty());
  }

  /**
   * Reads every blob of {@code run} to its end: record, manifests, configs, runtime configs,
   * layers.
   *
   * @throws ArchiveIntegrityException naming the first blob that is missing or corrupt
   */
  public void verify(ArchivedRun run) throws IOException {
    blobs.read(run.recordDigest(), OptionalLong.empty());
    Set<String> read = new HashSet<>();
    for (String variant : run.manifestDigestByVariantId().keySet()) {
      for (ArchivedBlob layer : image(run, variant).layers()) {
        if (read.add(layer.digest())) { // a layer its variants share (the JDK, say) is read once
          blobs.verify(layer.digest(), layer.size());
        }
      }
    }
  }

  /**
   * Puts one variant's layers into {@code store} after checking every blob of the variant; a layer
   * the store lacks is checked a second time as it is unpacked.
   *
   * @return the stored layers, bottom first
   * @throws ArchiveIntegrityException if a blob is missing or corrupt; nothing was stored from that
   *     blob then
   */
  public List<StoredLayer> importVariant(ArchivedRun run, String variantId, LayerStore store)
      throws IOException {
    Objects.requireNonNull(store, "store");
    ArchivedImageView view = image(run, variantId);
    List<ImageLayerBlob> layers = new ArrayList<>();
    for (ArchivedBlob layer : view.layers()) {
      blobs.verify(layer.digest(), layer.size());
      layers.add(
          new ImageLayerBlob(
              layer.digest(),
              layer.mediaType(),
              layer.size(),
              Compression.NONE,
              () -> blobs.open(layer.digest(), layer.size())));
    }
    ImageJson.Config config = config(view.config());
    Image image =
        new Image(
            "archive:" + layout.root() + ":" + run.runId() + "-" + variantId,
            layers,
            view.config().digest(),
            new ImageConfig(config.os(), config.architecture(), view.env(), view.diffIds()));
    return ImageImport.intoStore(image, store);
  }

  /**
   * One variant's image: manifest, config and runtime config read and checked; layers listed, not
   * read.
   *
   * @throws IllegalArgumentException if the run has no such variant
   * @throws ArchiveIntegrityException if one of those blobs is missing, corrupt or malformed
   */
  public ArchivedImageView image(ArchivedRun run, String variantId) throws IOException {
    String manifestDigest = run.manifestOf(variantId);
    byte[] manifestBytes = blobs.read(manifestDigest, OptionalLong.empty());
    ImageJson.Manifest manifest =
        parsed(manifestDigest, "an image manifest", () -> ImageJson.readManifest(manifestBytes));
    ImageJson.Config config = config(manifest.config());
    List<String> layerDigests = manifest.layers().stream().map(ArchivedBlob::digest).toList();
    if (!config.diffIds().equals(layerDigests)) {
      throw malformed(
          manifest.config().digest(),
          "an image config whose diff_ids "
              + config.diffIds()
              + " are the layers of its manifest "
              + manifestDigest
              + " ("
              + layerDigests
              + ")");
    }
    String runtimeDigest = config.labels().get(RUNTIME_CONFIG_LABEL);
    if (Digest.tryParse(runtimeDigest).isEmpty()) {
      throw malformed(
          manifest.config().digest(),
          "an image config with a label "
              + RUNTIME_CONFIG_LABEL
              + " naming its runtime config (was "
              + runtimeDigest
              + ")");
    }
    byte[] runtimeConfig = blobs.read(runtimeDigest, OptionalLong.empty());
    return new ArchivedImageView(
        new ArchivedBlob(manifestDigest, manifestBytes.length, MediaTypes.OCI_MANIFEST),
        manifest.config(),
        manifest.layers(),
        config.diffIds(),
        config.env(),
        config.cmd(),
        config.workingDir(),
        config.labels(),
        new ArchivedBlob(runtimeDigest, runtimeConfig.length, RUNTIME_CONFIG_MEDIA_TYPE),
        runtimeConfig);
  }

  /**
   * Writes one variant as a {@code docker save} archive that {@code docker load -i} accepts, tagged
   * {@code containermatrix/<variantId>:<runId>} (the variant id lowercased, other characters than
   * {@code [a-z0-9]} turned into {@code -}), and its runtime config next to it as {@code <tarFile
   * without .tar>.config.json}. Every blob is checked as it is copied; on a mismatch no tar is left
   * at {@code tarFile}.
   *
   * @return the path of the runtime config file
   */
  public Path export(ArchivedRun run, String variantId, Path tarFile) throws IOException {
    Path tar = tarFile.toAbsolutePath();
    ArchivedImageView view = image(run, variantId);
    new DockerArchiveWriter(blobs)
        .write(view, DockerArchiveWriter.tag(run.runId(), variantId), tar);
    String name = tar.getFileName().toString();
    Path configFile =
        tar.resolveSibling(
            (name.endsWith(".tar") ? name.substring(0, name.length() - 4) : name) + ".config.json");
    Path temp = configFile.resolveSibling(configFile.getFileName() + ".tmp");
    try {
      Files.write(temp, view.runtimeConfigJson());
      Files.move(
          temp, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return configFile;
  }

  /**
   * Removes the runs {@code policy} does not keep from {@code index.json}, then deletes every blob
   * no remaining run references (and that is older than {@link #UNCOMMITTED_GRACE}), under the
   * archive's lock.
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
    List<ArchivedRun> runs = runs();
    List<Map<String, Long>> referenced = new ArrayList<>();
    Map<String, Integer> users = new HashMap<>();
    for (ArchivedRun run : runs) {
      Map<String, Long> blobsOfRun = blobsOf(run);
      referenced.add(blobsOfRun);
      blobsOfRun.keySet().forEach(digest -> users.merge(digest, 1, Integer::sum));
    }
    List<RunUsage> result = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      long total = 0;
      long own = 0;
      for (Map.Entry<String, Long> blob : referenced.get(i).entrySet()) {
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
    try (java.util.stream.Stream<Path> files = Files.list(layout.blobDirectory())) {
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
    return "RunArchive[" + layout.root() + "]";
  }

  /**
   * Every blob {@code run} references, with its size; manifests and configs are read and checked.
   */
  Map<String, Long> blobsOf(ArchivedRun run) throws IOException {
    Map<String, Long> result = new TreeMap<>();
    result.put(run.recordDigest(), sizeOf(run.recordDigest()));
    for (String variant : run.manifestDigestByVariantId().keySet()) {
      ArchivedImageView view = image(run, variant);
      for (ArchivedBlob blob : List.of(view.manifest(), view.config(), view.runtimeConfig())) {
        result.put(blob.digest(), blob.size());
      }
      view.layers().forEach(layer -> result.put(layer.digest(), layer.size()));
    }
    return result;
  }

  private long sizeOf(String digest) throws IOException {
    try {
      return blobs.size(digest);
    } catch (NoSuchFileException e) {
      return blobs.read(digest, OptionalLong.empty())
          .length; // throws the integrity exception for a missing blob
    }
  }

  private ImageJson.Manifest manifest(String digest, OptionalLong size) throws IOException {
    byte[] bytes = blobs.read(digest, size);
    return parsed(digest, "an image manifest", () -> ImageJson.readManifest(bytes));
  }

  private ImageJson.Config config(ArchivedBlob config) throws IOException {
    byte[] bytes = blobs.read(config.digest(), OptionalLong.of(config.size()));
    return parsed(config.digest(), "an image config", () -> ImageJson.readConfig(bytes));
  }

  private void requirePresent(String digest, String what) {
    if (!blobs.exists(digest)) {
      throw new IllegalArgumentException(
          what
              + " ("
              + digest
              + ") is not in the archive "
              + layout.root()
              + "; add every blob of a run before committing it");
    }
  }

  private Optional<String> knownDigest(Path mapping) throws IOException {
    try {
      String digest = Files.readString(mapping, StandardCharsets.US_ASCII).strip();
      return Digest.tryParse(digest).map(Digest::toString);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private interface Parse<T> {
    T parse();
  }

  private <T> T parsed(String digest, String what, Parse<T> parse)
      throws ArchiveIntegrityException {
    try {
      return parse.parse();
    } catch (IllegalArgumentException e) {
      throw malformed(digest, what + " (" + e.getMessage() + ")");
    }
  }

  private ArchiveIntegrityException malformed(String digest, String expected) {
    return new ArchiveIntegrityException(
        layout.root(),
        digest,
        layout.blob(digest),
        "is malformed: expected " + expected,
        referrers(digest));
  }

  /**
   * The runs that reference {@code digest}, found without checking blobs (it is for a message about
   * a bad one).
   */
  private List<String> referrers(String digest) {
    List<String> result = new ArrayList<>();
    List<ArchivedRun> runs;
    try {
      runs = index.runs();
    } catch (IOException e) {
      return result;
    }
    for (ArchivedRun run : runs) {
      if (run.recordDigest().equals(digest)
          || run.manifestDigestByVariantId().containsValue(digest)
          || run.manifestDigestByVariantId().values().stream()
              .anyMatch(m -> referencesUnchecked(m, digest))) {
        result.add(run.runId());
      }
    }
    return result;
  }

  private boolean referencesUnchecked(String manifestDigest, String digest) {
    try {
      ImageJson.Manifest manifest =
          ImageJson.readManifest(Files.readAllBytes(layout.blob(manifestDigest)));
      if (manifest.config().digest().equals(digest)
          || manifest.layers().stream().anyMatch(layer -> layer.digest().equals(digest))) {
        return true;
      }
      ImageJson.Config config =
          ImageJson.readConfig(Files.readAllBytes(layout.blob(manifest.config().digest())));
      return digest.equals(config.labels().get(RUNTIME_CONFIG_LABEL));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
