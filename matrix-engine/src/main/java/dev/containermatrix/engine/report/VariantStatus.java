package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The outcome of one variant as report.json names it. */
@API(status = INTERNAL, since = "0.1")
public enum VariantStatus {
  /** Every test passed (or was skipped). */
  PASSED,
  /** At least one test failed; the container itself ran to the end. */
  FAILED,
  /**
   * The variant did not run to the end for a reason that is not a failure: cancelled by failFast,
   * or unsupported here.
   */
  ABORTED,
  /**
   * The container or its JVM failed: it did not start, timed out, ran out of memory or died before
   * reporting.
   */
  INFRA_ERROR,
  /**
   * The variant failed (its tests, or its container) but matched an {@code allowFailures} entry:
   * its failures were reported as aborted, so the build did not fail. The reason names the entry.
   */
  FAILED_ALLOWED
}
