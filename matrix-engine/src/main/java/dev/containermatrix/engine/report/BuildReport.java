package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  static ObjectNode merge(String buildId, List<ReportPart> parts) {
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
    ObjectNode merged = runs.get(runs.size() - 1).json().deepCopy();
    merged.remove(List.of("buildId", "matrices", "disk", "variants"));
    merged.put("buildId", buildId);
    ArrayNode runList = merged.putArray("runs");
    ArrayNode matrices = JsonNodeFactory.instance.arrayNode();
    ArrayNode variants = JsonNodeFactory.instance.arrayNode();
    long layersCollected = 0;
    long bytesCollected = 0;
    for (ReportPart run : runs) {
      ObjectNode entry = runList.addObject();
      entry.put("runId", run.runId());
      entry.put("startedAt", run.json().get("startedAt").asText());
      entry.put("backend", run.json().get("backend").asText());
      entry.put("part", run.relativeName());
      entry.set(
          "archive",
          run.json().has("archive") ? run.json().get("archive").deepCopy() : entry.nullNode());
      run.json().get("matrices").forEach(m -> matrices.add(m.deepCopy()));
      run.json().get("variants").forEach(v -> variants.add(v.deepCopy()));
      JsonNode disk = run.json().path("disk");
      layersCollected += disk.path("layersCollected").asLong();
      bytesCollected += disk.path("bytesCollected").asLong();
    }
    merged.set("matrices", matrices);
    ObjectNode disk = merged.putObject("disk");
    DiskUsage.count(disk, variants);
    disk.put("layersCollected", layersCollected);
    disk.put("bytesCollected", bytesCollected);
    merged.set("variants", variants);
    return merged;
  }
}
