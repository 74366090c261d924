package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One run's part of a build's report, as read from {@code runs/report-<runId>.json}.
 *
 * @param json the part as written: report.json's fields for that run alone, with {@code buildId}
 */
record ReportPart(Path file, String runId, String buildId, Instant startedAt, ObjectNode json) {
  ReportPart {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(startedAt, "startedAt");
    json = json.deepCopy();
  }

  /** Its path relative to the report directory, as report.json's {@code runs[].part} names it. */
  String relativeName() {
    return ReportParts.DIRECTORY + "/" + file.getFileName();
  }
}
