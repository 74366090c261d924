package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a run was archived.
 *
 * @param refsByVariant the OCI ref name ({@code <run id>-<key>}) of each archived variant, by
 *     {@code <class>#<variant id>}
 * @param removedRuns runs the retention rules removed after this one was added
 * @param runsHeld how many runs the archive holds after retention, this one included
 * @param bytesHeld the size of every blob the archive holds after retention
 */
@API(status = INTERNAL, since = "0.1")
public record ArchivedRunSummary(
    Path directory,
    String runId,
    String recordDigest,
    Map<String, String> refsByVariant,
    int removedRuns,
    int runsHeld,
    long bytesHeld) {
  public ArchivedRunSummary {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(recordDigest, "recordDigest");
    refsByVariant = Map.copyOf(refsByVariant);
    if (removedRuns < 0 || runsHeld < 1 || bytesHeld < 0) {
      throw new IllegalArgumentException(
          "an archived run's summary counts removed runs >= 0, runs held >= 1 and"
              + " bytes held >= 0, were "
              + removedRuns
              + ", "
              + runsHeld
              + " and "
              + bytesHeld
              + " for run "
              + runId);
    }
  }

  /** The ref of one variant of one class, if it was archived. */
  public Optional<String> ref(String testClass, String variantId) {
    return Optional.ofNullable(refsByVariant.get(testClass + "#" + variantId));
  }
}
