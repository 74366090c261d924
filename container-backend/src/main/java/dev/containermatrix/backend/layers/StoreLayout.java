package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where everything of a layer store lives; no other class builds a path under the store's root.
 *
 * <pre>
 * &lt;root&gt;/
 *   layers/sha256/&lt;hex&gt;/        an unpacked layer: a read-only tree, the lowerdir given to overlayfs.
 *                                Its appearance (one rename) is the moment the layer exists.
 *   layers/sha256/&lt;hex&gt;.json    its record: digest, sizeBytes, created, lastUsed, overlayConvention;
 *                                written before the directory is renamed into place
 *   locks/&lt;hex&gt;.lock            held while the layer is built, touched or removed (retention); never deleted
 *   tmp/&lt;random&gt;/               partial work (an unpacking layer, a spooled tar, a layer being deleted)
 *   tmp/&lt;random&gt;.lock           held by the process doing that work; a free lock marks debris
 *   tmp/record-&lt;random&gt;.json     a record being written, moved over layers/sha256/&lt;hex&gt;.json
 *   admission/slot-&lt;i&gt;           host-wide admission slots ({@link AdmissionSlots}): empty files, each locked
 *                                while a variant's container runs; never deleted
 * </pre>
 *
 * <p>Every directory is on one filesystem, so moves between {@code tmp/} and {@code layers/} are
 * atomic renames.
 */
final class StoreLayout {

  private static final String JSON = ".json";

  private final Path root;

  /**
   * @param root absolute, real (symlinks resolved), so locks are keyed the same in every store of
   *     this JVM
   */
  StoreLayout(Path root) {
    this.root = root;
  }

  /** Creates the store's directories where missing. */
  void create() throws IOException {
    Files.createDirectories(layersDirectory());
    Files.createDirectories(locksDirectory());
    Files.createDirectories(tempDirectory());
  }

  Path root() {
    return root;
  }

  Path layersDirectory() {
    return root.resolve("layers").resolve("sha256");
  }

  Path layerDirectory(Digest digest) {
    return layersDirectory().resolve(digest.hex());
  }

  Path recordFile(Digest digest) {
    return layersDirectory().resolve(digest.hex() + JSON);
  }

  Path locksDirectory() {
    return root.resolve("locks");
  }

  Path lockFile(Digest digest) {
    return locksDirectory().resolve(digest.hex() + ".lock");
  }

  Path tempDirectory() {
    return root.resolve("tmp");
  }

  Path admissionDirectory() {
    return root.resolve("admission");
  }

  /** The file of admission slot {@code index} (0-based). */
  Path slotFile(int index) {
    return admissionDirectory().resolve("slot-" + index);
  }

  /** The digests that have a directory or a record under {@code layers/sha256/}, sorted. */
  SortedSet<Digest> storedDigests() throws IOException {
    SortedSet<Digest> digests = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layersDirectory())) {
      for (Path entry : entries) {
        digestOf(entry.getFileName().toString()).ifPresent(digests::add);
      }
    }
    return digests;
  }

  private static Optional<Digest> digestOf(String name) {
    String hex = name.endsWith(JSON) ? name.substring(0, name.length() - JSON.length()) : name;
    try {
      return Optional.of(new Digest(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
