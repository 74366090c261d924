package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.OciDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs that reference a blob, found from {@code index.json} and the raw manifests and configs
 * without checking any blob: it names the runs in a message about a bad blob, so it never fails.
 */
final class BlobReferrers implements ArchiveBlobs.Referrers {

  private final ArchiveLayout layout;
  private final IndexFile index;

  BlobReferrers(ArchiveLayout layout, IndexFile index) {
    this.layout = layout;
    this.index = index;
  }

  /** The ids of the runs that reference {@code digest}, oldest first; empty if none or unknown. */
  @Override
  public List<String> of(Digest digest) {
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

  private boolean referencesUnchecked(Digest manifestDigest, Digest digest) {
    try {
      Manifest manifest =
          OciDocuments.read(Files.readAllBytes(layout.blob(manifestDigest)), Manifest.class);
      if (manifest.config().digest().equals(digest)
          || manifest.layers().stream().anyMatch(layer -> layer.digest().equals(digest))) {
        return true;
      }
      ImageConfig config =
          OciDocuments.read(
              Files.readAllBytes(layout.blob(manifest.config().digest())), ImageConfig.class);
      return digest
          .toString()
          .equals(config.config().labels().get(RunArchive.RUNTIME_CONFIG_LABEL));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
