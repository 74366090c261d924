package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.oci.Digest;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A run as {@code index.json} lists it.
 *
 * @param runId the run's id
 * @param created when it was committed (the {@code org.opencontainers.image.created} annotation)
 * @param recordDigest the digest of its run-record blob
 * @param manifestDigestByVariantId its variants' image manifests, by variant id, sorted by id;
 *     never empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ArchivedRun(
    String runId,
    Instant created,
    Digest recordDigest,
    Map<String, Digest> manifestDigestByVariantId) {

  public ArchivedRun {
    ArchiveIds.check(runId, "run id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(recordDigest, "recordDigest");
    TreeMap<String, Digest> sorted = new TreeMap<>(manifestDigestByVariantId);
    sorted.forEach(
        (variant, digest) -> {
          ArchiveIds.check(variant, "variant id");
          Objects.requireNonNull(digest, "the manifest digest of variant " + variant);
        });
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException(
          "run " + runId + " has no variants; an archived run has at least one");
    }
    manifestDigestByVariantId = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /** The manifest digest of {@code variantId}, or an exception naming the variants there are. */
  Digest manifestOf(String variantId) {
    Digest digest = manifestDigestByVariantId.get(variantId);
    if (digest == null) {
      throw new IllegalArgumentException(
          "run "
              + runId
              + " has no variant \""
              + variantId
              + "\"; its variants are "
              + manifestDigestByVariantId.keySet());
    }
    return digest;
  }
}
