package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link ArchiveAccounts#retain} removed.
 *
 * @param removedRuns the ids of the runs removed from {@code index.json}, oldest first
 * @param removedBlobs how many blobs it deleted (no run referenced them any more)
 * @param freedBytes their total size
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RetentionResult(List<String> removedRuns, int removedBlobs, long freedBytes) {

  public RetentionResult {
    removedRuns = List.copyOf(removedRuns);
    if (removedBlobs < 0 || freedBytes < 0) {
      throw new IllegalArgumentException(
          "removed blobs and freed bytes are >= 0, were " + removedBlobs + " and " + freedBytes);
    }
  }
}
