package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.DigestIndex;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an archive keeps its files (see {@code docs/archive-format.md}):
 *
 * <pre>
 * oci-layout                 {"imageLayoutVersion":"1.0.0"}
 * index.json                 one image manifest per archived variant, annotated with run, variant, record
 * blobs/sha256/&lt;hex&gt;         every blob once: layers (uncompressed tars), configs, manifests, records
 * diffids/&lt;store hex&gt;        a layer store digest → the archive blob digest of its re-tar
 * tmp/                       files being written, renamed into place when complete
 * index.lock                 the lock of index.json updates and blob deletion
 * </pre>
 */
final class ArchiveLayout {

  private final Path root;

  ArchiveLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path ociLayout() {
    return root.resolve(OciLayout.MARKER);
  }

  Path index() {
    return root.resolve(OciLayout.INDEX);
  }

  Path lockFile() {
    return root.resolve("index.lock");
  }

  Path blobDirectory() {
    return root.resolve(OciLayout.BLOBS);
  }

  Path blob(Digest digest) {
    return blobDirectory().resolve(digest.hex());
  }

  /** The digest a file in {@code blobs/sha256/} is named by, if it is named by one. */
  static Optional<Digest> digestOf(Path blob) {
    return Digest.tryParseHex(blob.getFileName().toString());
  }

  private Path diffIdDirectory() {
    return root.resolve("diffids");
  }

  /**
   * {@code diffids/}: a stored layer's digest (its hex is the key) → the digest of the archive blob
   * that re-tars it; entries are written in {@code tmp/} and renamed into place.
   */
  DigestIndex diffIds() {
    return new DigestIndex(diffIdDirectory(), tempDirectory());
  }

  Path tempDirectory() {
    return root.resolve("tmp");
  }

  /** A fresh file name in {@code tmp/}, not created. */
  Path newTempFile() {
    return tempDirectory().resolve(UUID.randomUUID() + ".tmp");
  }

  /**
   * Creates the directories and {@code oci-layout}; {@code index.json} is created by {@link
   * IndexFile}.
   */
  void create() throws IOException {
    Files.createDirectories(blobDirectory());
    Files.createDirectories(diffIdDirectory());
    Files.createDirectories(tempDirectory());
    if (!Files.exists(ociLayout())) {
      replace(ociLayout(), OciLayout.markerJson());
    }
  }

  /** Writes {@code content} to a temp file, then renames it onto {@code target}. */
  void replace(Path target, byte[] content) throws IOException {
    Path temp = newTempFile();
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
