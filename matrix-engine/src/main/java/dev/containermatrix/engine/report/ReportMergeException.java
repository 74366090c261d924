package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A report that cannot be merged: a file that is missing, unreadable or not a report, or reports
 * that contradict each other. The message names the file(s) and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportMergeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportMergeException(String message) {
    super(message);
  }
}
