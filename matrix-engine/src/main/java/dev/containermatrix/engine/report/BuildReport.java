package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the parts of one build (every engine run of one Maven build: Surefire forks, Failsafe)
 * into report.json. Its top-level fields are the newest run's (by {@code startedAt}, then run id),
 * so a reader of {@code runId}, {@code backend} or {@code archive} sees one run as before; {@code
 * runs[]} lists every run, oldest first, with its part; {@code matrices[]} and {@code variants[]}
 * are the runs' own, in that order (each variant carries its {@code runId}); {@code disk} counts
 * all the variants' layers and sums what the runs' collections removed.
 */
final class BuildReport {
  private static final Comparator<ReportPart> OLDEST_FIRST =
      Comparator.comparing(ReportPart::startedAt).thenComparing(ReportPart::runId);

  private BuildReport() {}

  /**
   * The merged report of {@code parts}.
   *
   * @throws IllegalArgumentException if there are no parts, or a part is of another build
   */
  static RunPart merge(String buildId, List<ReportPart> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("build " + buildId + " has no report part to merge");
    }
    for (ReportPart part : parts) {
      if (!part.buildId().equals(buildId)) {
        throw new IllegalArgumentException(
            part.file() + " is a part of build " + part.buildId() + ", not " + buildId);
      }
    }
    List<ReportPart> runs = new ArrayList<>(parts);
    runs.sort(OLDEST_FIRST);
    List<RunPart.Run> runList = new ArrayList<>();
    List<JsonNode> matrices = new ArrayList<>();
    List<JsonNode> variants = new ArrayList<>();
    long layersCollected = 0;
    long bytesCollected = 0;
    for (ReportPart run : runs) {
      RunPart part = run.part();
      runList.add(
          new RunPart.Run(
              part.runId(), part.startedAt(), part.backend(), run.relativeName(), part.archive()));
      matrices.addAll(part.matrices());
      variants.addAll(part.variants());
      if (part.disk() != null) {
        layersCollected += part.disk().layersCollected();
        bytesCollected += part.disk().bytesCollected();
      }
    }
    RunPart newest = runs.get(runs.size() - 1).part();
    return new RunPart(
        newest.runId(),
        newest.startedAt(),
        newest.backend(),
        newest.backendReason(),
        newest.replayOf(),
        newest.archive(),
        newest.host(),
        newest.shard(),
        buildId,
        runList,
        matrices,
        DiskUsage.of(variants, layersCollected, bytesCollected),
        variants);
  }
}
