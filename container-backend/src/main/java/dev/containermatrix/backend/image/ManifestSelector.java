package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Index;
import dev.containermatrix.backend.oci.OciLayout;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the one image manifest of an OCI layout: the only one there is, or else the only one for
 * the wanted platform. Nested indexes (multi-platform images) are followed; buildx attestation
 * manifests are skipped. A manifest or index named more than once (two tags of one image) counts
 * once, so an index whose entries all name the same nested index is read once, not once per entry
 * and level.
 */
final class ManifestSelector {

  private static final int MAX_DEPTH = 4;

  private final LayoutFiles files;
  private final Platform wanted;

  ManifestSelector(LayoutFiles files, Platform wanted) {
    this.files = files;
    this.wanted = wanted;
  }

  Descriptor select() throws IOException {
    String where = files.describe(OciLayout.INDEX);
    Map<Digest, Descriptor> manifests = new LinkedHashMap<>();
    collect(index(files.readAll(OciLayout.INDEX), where), manifests, new HashSet<>(), 0);
    List<Descriptor> candidates = List.copyOf(manifests.values());
    if (candidates.isEmpty()) {
      throw new ImageSourceException(
          where + " lists no image manifest: the layout holds no image; export the image again");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    List<Descriptor> fitting =
        candidates.stream().filter(d -> d.platform().map(wanted::accepts).orElse(false)).toList();
    if (fitting.size() == 1) {
      return fitting.get(0);
    }
    if (fitting.isEmpty()) {
      throw new ImageSourceException(
          files.describe()
              + " holds "
              + candidates.size()
              + " image manifests and none for "
              + wanted
              + ": "
              + labels(candidates)
              + ". Export the image for "
              + wanted
              + " alone (e.g. skopeo copy --override-arch)");
    }
    throw new ImageSourceException(
        files.describe()
            + " holds "
            + fitting.size()
            + " image manifests for "
            + wanted
            + ", so which one to use is ambiguous: "
            + labels(fitting)
            + ". Keep one image per layout or archive");
  }

  /**
   * Adds the manifests of {@code entries} by digest (the first entry naming one wins), following
   * indexes not yet read.
   */
  private void collect(
      List<Descriptor> entries, Map<Digest, Descriptor> into, Set<Digest> indexesRead, int depth)
      throws IOException {
    for (Descriptor entry : entries) {
      if (entry.isAttestation()) {
        continue;
      }
      if (entry.isManifest()) {
        into.putIfAbsent(entry.digest(), entry);
      } else if (entry.isIndex() && depth < MAX_DEPTH && indexesRead.add(entry.digest())) {
        String path = entry.digest().layoutPath();
        collect(
            index(files.readBlob(entry.digest(), entry.size()), files.describe(path)),
            into,
            indexesRead,
            depth + 1);
      }
    }
  }

  private static List<Descriptor> index(byte[] json, String where) throws ImageSourceException {
    return ImageDocuments.read(json, Index.class, where).manifests();
  }

  private static String labels(List<Descriptor> descriptors) {
    return descriptors.stream().map(Descriptor::label).collect(Collectors.joining(", "));
  }
}
