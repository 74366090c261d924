package dev.containermatrix.engine.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One run's part of a build's report, as read from {@code runs/report-<runId>.json}.
 *
 * @param startedAt the part's {@code startedAt}, parsed
 * @param part the part as written: report.json's fields for that run alone, with {@code buildId}
 */
record ReportPart(Path file, Instant startedAt, RunPart part) {
  ReportPart {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(part.runId(), "runId");
    Objects.requireNonNull(part.buildId(), "buildId");
  }

  String runId() {
    return part.runId();
  }

  String buildId() {
    return part.buildId();
  }

  /** Its path relative to the report directory, as report.json's {@code runs[].part} names it. */
  String relativeName() {
    return ReportParts.DIRECTORY + "/" + file.getFileName();
  }
}
