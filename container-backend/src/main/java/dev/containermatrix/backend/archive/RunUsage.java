package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one archived run costs on disk.
 *
 * @param runId the run
 * @param created when it was committed
 * @param variants how many variants it holds
 * @param totalBytes the size of every blob it references (record, manifests, configs, runtime
 *     configs, layers)
 * @param ownBytes the size of the blobs no other run references: what removing it alone would free
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunUsage(
    String runId, Instant created, int variants, long totalBytes, long ownBytes) {

  public RunUsage {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(created, "created");
    if (variants < 1 || ownBytes < 0 || ownBytes > totalBytes) {
      throw new IllegalArgumentException(
          "a run's usage has variants >= 1 and 0 <= own <= total bytes, was "
              + variants
              + ", "
              + ownBytes
              + " and "
              + totalBytes
              + " for run "
              + runId);
    }
  }
}
