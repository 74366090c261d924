package dev.containermatrix.engine.report;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.engine.shard.Shard;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of a run's part, {@code runs/report-<runId>.json}, and of report.json, which is the
 * newest part's top-level fields with {@code runs[]} and every part's matrices, variants and disk.
 * The pieces the merge copies as they were written ({@code archive}, {@code host}, {@code
 * matrices[]}, {@code variants[]}) are kept as JSON, so a part is read back exactly as written.
 *
 * @param startedAt an instant such as {@code 2026-01-01T10:00:00Z}
 * @param replayOf absent from the file unless the run is a replay
 * @param archive absent from the file unless the run was archived (or says why not)
 * @param runs absent from a part; report.json's runs of the build, oldest first
 * @param shard absent from the file unless the run was one shard ({@code containermatrix.shard})
 */
@JsonPropertyOrder({
  "runId",
  "startedAt",
  "backend",
  "backendReason",
  "replayOf",
  "archive",
  "host",
  "shard",
  "buildId",
  "runs",
  "matrices",
  "disk",
  "variants"
})
record RunPart(
    String runId,
    String startedAt,
    String backend,
    String backendReason,
    @JsonInclude(NON_NULL) @Nullable String replayOf,
    @JsonInclude(NON_NULL) @Nullable JsonNode archive,
    JsonNode host,
    @JsonInclude(NON_NULL) @Nullable Shard shard,
    String buildId,
    @JsonInclude(NON_NULL) @Nullable List<Run> runs,
    List<JsonNode> matrices,
    @Nullable DiskUsage disk,
    List<JsonNode> variants) {

  RunPart {
    matrices = List.copyOf(matrices);
    variants = List.copyOf(variants);
    runs = runs == null ? null : List.copyOf(runs);
  }

  /**
   * One run of a build as report.json's {@code runs[]} lists it.
   *
   * @param part the run's part relative to the report directory, e.g. {@code
   *     runs/report-<runId>.json}
   * @param archive the run's {@code archive}; {@code null} when it has none
   */
  record Run(
      String runId, String startedAt, String backend, String part, @Nullable JsonNode archive) {}

  /**
   * The part of {@code report}, a run of build {@code buildId}: its matrices by class, its variants
   * by class and name, each with the run's id and its archived image's ref.
   */
  static RunPart of(RunReport report, String buildId) {
    List<JsonNode> variants =
        report.variants().stream()
            .sorted(
                Comparator.comparing(VariantReport::testClass).thenComparing(VariantReport::name))
            .map(v -> variant(v, report))
            .toList();
    return new RunPart(
        report.runId(),
        report.startedAt().toString(),
        report.backend(),
        report.backendReason(),
        report.replayOf().orElse(null),
        report.archive().map(RunPart::json).orElse(null),
        json(report.host()),
        report.shard().orElse(null),
        buildId,
        null,
        report.matrices().stream()
            .sorted(Comparator.comparing(MatrixSummary::testClass))
            .map(RunPart::json)
            .toList(),
        DiskUsage.of(variants, report.layersCollected(), report.bytesCollected()),
        variants);
  }

  /**
   * {@code variant}'s entry: its fields with the run's id after its own, and the ref of its image
   * in the run's archive in place of its own {@code archive} when the run archived it.
   */
  private static JsonNode variant(VariantReport variant, RunReport report) {
    Optional<String> archive =
        report
            .archive()
            .map(a -> a.refs().get(variant.testClass() + "#" + variant.id()))
            .or(variant::archive);
    ObjectNode entry =
        ReportJson.MAPPER.createObjectNode().put("id", variant.id()).put("runId", report.runId());
    entry.setAll((ObjectNode) json(variant)); // "id" keeps its place, before "runId"
    return entry.put("archive", archive.orElse(null));
  }

  private static JsonNode json(Object value) {
    return ReportJson.MAPPER.valueToTree(value);
  }
}
