package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Parts of the build's report could not be read, so report.json was merged without them. The
 * message names each file, why it cannot be read and that it should be deleted.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportPartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Path> files;

  ReportPartException(String message, List<Path> files) {
    super(message);
    this.files = List.copyOf(files);
  }

  /** The parts that could not be read. */
  public List<Path> files() {
    return files;
  }
}
