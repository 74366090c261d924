package dev.containermatrix.junit.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a run was archived.
 *
 * @param refsByVariant the OCI ref name ({@code <run id>-<key>}) of each archived variant, by {@code <class>#<variant id>}
 * @param removedRuns runs the retention rules removed after this one was added
 */
@API(status = INTERNAL, since = "0.1")
public record ArchivedRunSummary(Path directory, String runId, String recordDigest, Map<String, String> refsByVariant,
    int removedRuns) {
  public ArchivedRunSummary {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(recordDigest, "recordDigest");
    refsByVariant = Map.copyOf(refsByVariant);
  }

  /** The ref of one variant of one class, if it was archived. */
  public Optional<String> ref(String testClass, String variantId) {
    return Optional.ofNullable(refsByVariant.get(testClass + "#" + variantId));
  }
}
