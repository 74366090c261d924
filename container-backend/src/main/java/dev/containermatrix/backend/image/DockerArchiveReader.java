package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.DockerManifestEntry;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads a {@code docker save} archive ({@code docker-archive:<tar>}) in place, through its {@code
 * manifest.json}: layers as {@code <id>/layer.tar} (Docker before 25) or {@code blobs/sha256/<hex>}
 * (Docker 25 and later, which embed an OCI layout); links between entries are followed. Layer
 * compression is told by the bytes. A layer's digest comes from its path when that is {@code
 * blobs/sha256/<hex>}, else from the config's diff_id for a plain tar, else it is computed here by
 * reading the layer once.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerArchiveReader implements ImageReader {

  /** An old-style config is named {@code <hex>.json} by its digest. */
  private static final String CONFIG_SUFFIX = ".json";

  private final Path archive;
  private final String reference;

  public DockerArchiveReader(Path archive) {
    this(archive, "docker-archive:" + archive);
  }

  DockerArchiveReader(Path archive, String reference) {
    ImageReferences.checkAbsolute(archive, "docker-archive file");
    this.archive = archive;
    this.reference = reference;
  }

  @Override
  public Image read() throws IOException {
    LayoutFiles files = TarLayoutFiles.index(archive);
    if (!files.exists("manifest.json")) {
      throw new ImageSourceException(
          archive
              + " has no manifest.json, so it is not a docker save archive"
              + (files.exists(OciLayout.MARKER) ? " (it is an OCI archive: use oci-archive:)" : "")
              + ": export the image with docker save -o <tar> <name>");
    }
    DockerManifestEntry entry =
        single(
            List.of(
                ImageDocuments.read(
                    files.readAll("manifest.json"),
                    DockerManifestEntry[].class,
                    files.describe("manifest.json"))));
    byte[] configBytes = files.readAll(entry.config());
    Digest configDigest = Digest.of(configBytes);
    checkNamedDigest(files, entry.config(), configDigest);
    ImageConfig config =
        ImageDocuments.read(configBytes, ImageConfig.class, files.describe(entry.config()));
    if (config.diffIds().size() != entry.layers().size()) {
      throw new ImageSourceException(
          files.describe("manifest.json")
              + " lists "
              + entry.layers().size()
              + " layers, but the config "
              + entry.config()
              + " lists "
              + config.diffIds().size()
              + " diff_ids: the archive is malformed; export the image again");
    }
    List<ImageLayerBlob> layers = new ArrayList<>();
    for (int i = 0; i < entry.layers().size(); i++) {
      layers.add(layer(files, entry.layers().get(i), config.diffIds().get(i)));
    }
    return new Image(reference, layers, configDigest, config);
  }

  private ImageLayerBlob layer(LayoutFiles files, String path, Digest diffId) throws IOException {
    long size = files.size(path);
    Compression compression;
    try (InputStream in = files.open(path)) {
      compression = Compression.ofMagic(in.readNBytes(4));
    }
    Optional<Digest> named = digestFromPath(path);
    Digest digest =
        named.isPresent()
            ? named.get()
            : compression == Compression.NONE ? diffId : Digest.of(files.open(path));
    return new ImageLayerBlob(
        digest,
        compression.ociMediaType(),
        size,
        compression,
        files.blobOpener(path, digest, size));
  }

  private DockerManifestEntry single(List<DockerManifestEntry> entries)
      throws ImageSourceException {
    if (entries.size() == 1) {
      return entries.get(0);
    }
    List<List<String>> tags = entries.stream().map(DockerManifestEntry::repoTags).toList();
    throw new ImageSourceException(
        archive
            + " holds "
            + entries.size()
            + " images "
            + tags
            + (entries.isEmpty() ? "" : ", so which one to use is ambiguous")
            + ": save one image per archive (docker save -o <tar> <name>)");
  }

  private static void checkNamedDigest(LayoutFiles files, String path, Digest actual)
      throws ImageSourceException {
    String normalized = TarLayoutFiles.normalize(path);
    Optional<Digest> named =
        digestFromPath(path)
            .or(
                () ->
                    normalized.endsWith(CONFIG_SUFFIX)
                        ? Digest.tryParseHex(
                            normalized.substring(0, normalized.length() - CONFIG_SUFFIX.length()))
                        : Optional.empty());
    if (named.isPresent() && !named.get().equals(actual)) {
      throw new ImageSourceException(
          "Blob "
              + named.get()
              + " read from "
              + files.describe(path)
              + " has digest "
              + actual
              + ": the file is corrupt or was changed after the image was written; export the image"
              + " again");
    }
  }

  /** The digest a blob of Docker 25+'s embedded OCI layout is named by. */
  private static Optional<Digest> digestFromPath(String path) {
    return Digest.fromLayoutPath(TarLayoutFiles.normalize(path));
  }
}
