package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A blob of a {@link RunArchive} is missing, or its bytes do not hash to its digest or have another
 * size than its descriptor says. Nothing read from it may be used. The message names the archive,
 * the blob and its file, what was expected and what was read, and the runs to delete.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ArchiveIntegrityException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String blobDigest;
  private final transient Path blobFile;

  ArchiveIntegrityException(
      Path archive, String blobDigest, Path blobFile, String problem, List<String> runIds) {
    super(
        "archive "
            + archive
            + ": blob "
            + blobDigest
            + " ("
            + blobFile
            + ") "
            + problem
            + "; the archive cannot be trusted: restore it from a backup or "
            + deletion(runIds));
    this.blobDigest = blobDigest;
    this.blobFile = blobFile;
  }

  /** The digest of the blob that failed. */
  public String blobDigest() {
    return blobDigest;
  }

  /** The file the blob should be in. */
  public Path blobFile() {
    return blobFile;
  }

  private static String deletion(List<String> runIds) {
    if (runIds.isEmpty()) {
      return "delete the runs that reference it";
    }
    return (runIds.size() == 1 ? "delete run " : "delete runs ") + String.join(", ", runIds);
  }
}
