package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.image.Compression;
import dev.containermatrix.backend.image.Image;
import dev.containermatrix.backend.image.ImageImport;
import dev.containermatrix.backend.image.ImageLayerBlob;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.MediaTypes;
import dev.containermatrix.backend.oci.OciDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads a {@link RunArchive}: its runs, and their records, images and layers, each blob checked
 * against its digest as it is read. A mismatch throws {@link ArchiveIntegrityException} naming the
 * blob and the runs that reference it, and nothing read from that blob is returned. Reading takes
 * no lock: {@code index.json} and blobs are only ever renamed into place.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArchiveReader {

  private final ArchiveLayout layout;
  private final IndexFile index;
  private final ArchiveBlobs blobs;
  private final ArchiveBlobs.Referrers referrers;

  ArchiveReader(
      ArchiveLayout layout, IndexFile index, ArchiveBlobs blobs, ArchiveBlobs.Referrers referrers) {
    this.layout = layout;
    this.index = index;
    this.blobs = blobs;
    this.referrers = referrers;
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
  public byte[] readBlob(Digest digest) throws IOException {
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
    Set<Digest> read = new HashSet<>();
    for (String variant : run.manifestDigestByVariantId().keySet()) {
      for (Descriptor layer : image(run, variant).layers()) {
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
    for (Descriptor layer : view.layers()) {
      blobs.verify(layer.digest(), layer.size());
      layers.add(
          new ImageLayerBlob(
              layer.digest(),
              layer.mediaType(),
              layer.size(),
              Compression.NONE,
              () -> blobs.open(layer.digest(), layer.size())));
    }
    Image image =
        new Image(
            "archive:" + layout.root() + ":" + run.runId() + "-" + variantId,
            layers,
            view.config().digest(),
            config(view.config()));
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
    Digest manifestDigest = run.manifestOf(variantId);
    byte[] manifestBytes = blobs.read(manifestDigest, OptionalLong.empty());
    Manifest manifest = parsed(manifestDigest, "an image manifest", manifestBytes, Manifest.class);
    ImageConfig config = config(manifest.config());
    List<Digest> layerDigests = manifest.layers().stream().map(Descriptor::digest).toList();
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
    String runtimeLabel = config.config().labels().get(RunArchive.RUNTIME_CONFIG_LABEL);
    Optional<Digest> runtimeDigest = Digest.tryParse(runtimeLabel);
    if (runtimeDigest.isEmpty()) {
      throw malformed(
          manifest.config().digest(),
          "an image config with a label "
              + RunArchive.RUNTIME_CONFIG_LABEL
              + " naming its runtime config (was "
              + runtimeLabel
              + ")");
    }
    byte[] runtimeConfig = blobs.read(runtimeDigest.get(), OptionalLong.empty());
    return new ArchivedImageView(
        Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes.length),
        manifest.config(),
        manifest.layers(),
        config.diffIds(),
        config.config().env(),
        config.config().cmd(),
        config.config().workingDir(),
        config.config().labels(),
        Descriptor.of(
            RunArchive.RUNTIME_CONFIG_MEDIA_TYPE, runtimeDigest.get(), runtimeConfig.length),
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

  @Override
  public String toString() {
    return "ArchiveReader[" + layout.root() + "]";
  }

  /** An image manifest, read, checked against its digest and {@code size}, and parsed. */
  Manifest manifest(Digest digest, OptionalLong size) throws IOException {
    return parsed(digest, "an image manifest", blobs.read(digest, size), Manifest.class);
  }

  private ImageConfig config(Descriptor config) throws IOException {
    byte[] bytes = blobs.read(config.digest(), OptionalLong.of(config.size()));
    return parsed(config.digest(), "an image config", bytes, ImageConfig.class);
  }

  private <T> T parsed(Digest digest, String what, byte[] json, Class<T> type)
      throws ArchiveIntegrityException {
    try {
      return OciDocuments.read(json, type);
    } catch (IllegalArgumentException e) {
      throw malformed(digest, what + " (it " + e.getMessage() + ")");
    }
  }

  private ArchiveIntegrityException malformed(Digest digest, String expected) {
    return new ArchiveIntegrityException(
        layout.root(),
        digest.toString(),
        layout.blob(digest),
        "is malformed: expected " + expected,
        referrers.of(digest));
  }
}
