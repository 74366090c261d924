package dev.containermatrix.backend.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the one image manifest of an OCI layout: the only one there is, or else the only one for the
 * wanted platform. Nested indexes (multi-platform images) are followed; buildx attestation manifests
 * are skipped.
 */
final class ManifestSelector {

  private static final int MAX_DEPTH = 4;

  private final LayoutFiles files;
  private final Platform wanted;

  ManifestSelector(LayoutFiles files, Platform wanted) {
    this.files = files;
    this.wanted = wanted;
  }

  OciDescriptor select() throws IOException {
    String where = files.describe("index.json");
    List<OciDescriptor> candidates = new ArrayList<>();
    collect(OciJson.index(files.readAll("index.json"), where), candidates, 0);
    if (candidates.isEmpty()) {
      throw new ImageSourceException(where + " lists no image manifest: the layout holds no image; export the image again");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    List<OciDescriptor> fitting = candidates.stream()
        .filter(d -> d.platform().map(wanted::accepts).orElse(false))
        .toList();
    if (fitting.size() == 1) {
      return fitting.get(0);
    }
    if (fitting.isEmpty()) {
      throw new ImageSourceException(files.describe() + " holds " + candidates.size() + " image manifests and none for "
          + wanted + ": " + labels(candidates) + ". Export the image for " + wanted + " alone (e.g. skopeo copy --override-arch)");
    }
    throw new ImageSourceException(files.describe() + " holds " + fitting.size() + " image manifests for " + wanted
        + ", so which one to use is ambiguous: " + labels(fitting) + ". Keep one image per layout or archive");
  }

  private void collect(List<OciDescriptor> entries, List<OciDescriptor> into, int depth) throws IOException {
    for (OciDescriptor entry : entries) {
      if (entry.isAttestation()) {
        continue;
      }
      if (entry.isManifest()) {
        into.add(entry);
      } else if (entry.isIndex() && depth < MAX_DEPTH) {
        String path = Digests.layoutPath(entry.digest());
        collect(OciJson.index(files.readBlob(entry.digest(), entry.size()), files.describe(path)), into, depth + 1);
      }
    }
  }

  private static String labels(List<OciDescriptor> descriptors) {
    return descriptors.stream().map(OciDescriptor::label).collect(Collectors.joining(", "));
  }
}
