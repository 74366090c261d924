package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.MediaTypes;
import dev.containermatrix.backend.oci.OciDocuments;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Writes into a {@link RunArchive}: layers, other blobs and images first, then the run that
 * references them, committed to {@code index.json} under the archive's lock.
 *
 * <pre>{@code
 * ArchiveWriter writer = RunArchive.open(Path.of("build/archive")).writer();
 * List<Descriptor> layers = new ArrayList<>();
 * for (StoredLayer layer : variantLayers) {
 *   layers.add(writer.addLayer(layer));
 * }
 * Descriptor manifest = writer.addImage(new ImageSpec(layers, env, cmd, "/work", labels, runtimeConfigJson));
 * Descriptor record = writer.addBlob(recordJson, RunArchive.RECORD_MEDIA_TYPE);
 * writer.commitRun("20260101-1200", Instant.now(), record, Map.of("json-2.10", manifest));
 * }</pre>
 *
 * <p>Writers in several threads and JVMs may use one archive at once: blobs are renamed into place
 * and {@code index.json} is rewritten under a file lock. A blob this writer adds, or finds already
 * there, is claimed for {@link RunArchive#UNCOMMITTED_GRACE}; committing the run references it.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArchiveWriter {

  private final ArchiveLayout layout;
  private final IndexFile index;
  private final ArchiveBlobs blobs;
  private final ArchiveReader reader;
  private final LinuxCalls calls;

  ArchiveWriter(
      ArchiveLayout layout,
      IndexFile index,
      ArchiveBlobs blobs,
      ArchiveReader reader,
      LinuxCalls calls) {
    this.layout = layout;
    this.index = index;
    this.blobs = blobs;
    this.reader = reader;
    this.calls = calls;
  }

  /**
   * Archives a stored layer as an uncompressed tar re-made from its unpacked tree (see {@code
   * docs/archive-format.md}); a layer archived before is found through {@code diffids/} and not
   * re-tarred. The blob's digest equals the store's when the layer was built reproducibly.
   */
  public Descriptor addLayer(StoredLayer layer) throws IOException {
    Objects.requireNonNull(layer, "layer");
    String key = layer.digest().hex();
    Optional<Digest> known = layout.diffIds().find(key);
    if (known.isPresent() && blobs.claim(known.get())) {
      return Descriptor.of(RunArchive.LAYER_MEDIA_TYPE, known.get(), blobs.size(known.get()));
    }
    ReproducibleLayer tar = StoredLayerTar.of(layer, calls);
    Descriptor blob = blobs.write(tar::writeTo, RunArchive.LAYER_MEDIA_TYPE);
    layout.diffIds().put(key, blob.digest());
    return blob;
  }

  /**
   * Stores {@code content} (e.g. a run record, with {@link RunArchive#RECORD_MEDIA_TYPE}) unless
   * the archive has it.
   */
  public Descriptor addBlob(byte[] content, String mediaType) throws IOException {
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
  public Descriptor addImage(ImageSpec image) throws IOException {
    Objects.requireNonNull(image, "image");
    for (Descriptor layer : image.layers()) {
      if (!blobs.exists(layer.digest())) {
        throw new IllegalArgumentException(
            "layer "
                + layer.digest()
                + " is not in the archive "
                + layout.root()
                + "; add it with addLayer before the image that uses it");
      }
    }
    Descriptor runtimeConfig =
        blobs.put(image.runtimeConfigJson(), RunArchive.RUNTIME_CONFIG_MEDIA_TYPE);
    Descriptor config =
        blobs.put(OciDocuments.write(config(image, runtimeConfig.digest())), MediaTypes.OCI_CONFIG);
    return blobs.put(
        OciDocuments.write(Manifest.of(config, image.layers())), MediaTypes.OCI_MANIFEST);
  }

  /**
   * The image config of {@code image}: this host's platform, its labels and the runtime config's.
   */
  private static ImageConfig config(ImageSpec image, Digest runtimeConfig) {
    Map<String, String> labels = new HashMap<>(image.labels());
    labels.put(RunArchive.RUNTIME_CONFIG_LABEL, runtimeConfig.toString());
    Platform host = Platform.host();
    return new ImageConfig(
        host.architecture(),
        host.os(),
        new ImageConfig.Execution(image.env(), image.cmd(), image.workingDir(), labels),
        ImageConfig.RootFs.of(image.layers().stream().map(Descriptor::digest).toList()));
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
      Descriptor record,
      Map<String, Descriptor> manifestsByVariantId)
      throws IOException {
    Objects.requireNonNull(record, "record");
    Map<String, Digest> digests = new LinkedHashMap<>();
    Map<Digest, Long> sizes = new HashMap<>();
    manifestsByVariantId.forEach(
        (variant, manifest) -> {
          digests.put(variant, manifest.digest());
          sizes.put(manifest.digest(), manifest.size());
        });
    ArchivedRun run = new ArchivedRun(runId, created, record.digest(), digests);
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      requirePresent(record.digest(), "the record of run " + runId);
      for (Map.Entry<String, Descriptor> variant : manifestsByVariantId.entrySet()) {
        Digest digest = variant.getValue().digest();
        requirePresent(digest, "the manifest of variant " + variant.getKey());
        Manifest manifest = reader.manifest(digest, OptionalLong.of(sizes.get(digest)));
        requirePresent(manifest.config().digest(), "the config of variant " + variant.getKey());
        for (Descriptor layer : manifest.layers()) {
          requirePresent(layer.digest(), "a layer of variant " + variant.getKey());
        }
      }
      index.add(run, sizes);
    }
  }

  @Override
  public String toString() {
    return "ArchiveWriter[" + layout.root() + "]";
  }

  private void requirePresent(Digest digest, String what) {
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
}
