package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Merges reports of one test run split over CI shards ({@code report-<k>-of-<n>.json}) or over
 * separate builds (several {@code report.json}) into one report.json tree:
 *
 * <ul>
 *   <li>{@code variants[]}: every report's, in the order of the reports (oldest first), each kept
 *       as written, fields this class does not know included; a variant (class and id) in two
 *       reports is an error naming both files, unless its two entries are identical;
 *   <li>{@code runId}, {@code backendReason}, {@code host}: the oldest report's; {@code startedAt}
 *       the earliest; {@code backend} the reports' backends, distinct, joined by {@code ", "};
 *       {@code hosts[]} every distinct host, where they differ;
 *   <li>{@code mergedFrom[]}: each report's file, {@code runId}, {@code startedAt} and {@code
 *       shard}; {@code runs[]}: every report's runs;
 *   <li>{@code matrices[]}: one per class, its {@code variantsRun} summed over the reports;
 *   <li>{@code disk}: counted again over all variants, the collections summed;
 *   <li>{@code buildId}, {@code replayOf}, {@code archive} and any other top-level field: kept
 *       where every report that has it agrees, left out otherwise ({@code runs[]} keeps each run's
 *       archive); {@code shard} is left out (the merge is the whole run).
 * </ul>
 *
 * Shards must be complete: where any report is a shard, each of {@code 1..n} must be there (more
 * than once where the modules of a build each wrote one).
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportMerge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> COMPUTED =
      List.of(
          "runId",
          "startedAt",
          "backend",
          "backendReason",
          "host",
          "hosts",
          "shard",
          "mergedFrom",
          "runs",
          "matrices",
          "disk",
          "variants");

  private ReportMerge() {}

  /**
   * The merged report of {@code inputs}.
   *
   * @throws ReportMergeException if there are none, a variant is in two reports with different
   *     entries, or a shard is missing or of another total
   */
  public static ObjectNode merge(List<ReportFiles.Input> inputs) {
    if (inputs.isEmpty()) {
      throw new ReportMergeException("there are no reports to merge");
    }
    List<ReportFiles.Input> reports = new ArrayList<>(inputs);
    reports.sort(
        Comparator.comparing((ReportFiles.Input i) -> startedAt(i))
            .thenComparing(i -> i.tree().get("runId").asText())
            .thenComparing(ReportFiles.Input::file));
    checkShards(reports);
    ReportFiles.Input oldest = reports.get(0);

    ObjectNode merged = NODES.objectNode();
    merged.set("runId", oldest.tree().get("runId"));
    merged.put("startedAt", startedAt(oldest).toString());
    Set<String> backends = new LinkedHashSet<>();
    reports.forEach(r -> backends.add(r.tree().get("backend").asText()));
    merged.put("backend", String.join(", ", backends));
    merged.set("backendReason", oldest.tree().path("backendReason").deepCopy());
    agreed(reports, "replayOf", merged);
    agreed(reports, "archive", merged);
    merged.set("host", oldest.tree().get("host"));
    Set<JsonNode> hosts = new LinkedHashSet<>();
    reports.forEach(r -> hosts.add(r.tree().get("host")));
    if (hosts.size() > 1) {
      merged.putArray("hosts").addAll(hosts);
    }
    agreed(reports, "buildId", merged);
    ArrayNode from = merged.putArray("mergedFrom");
    ArrayNode runs = merged.putArray("runs");
    for (ReportFiles.Input r : reports) {
      ObjectNode entry =
          from.addObject()
              .put("file", r.file().toString())
              .put("runId", r.tree().get("runId").asText())
              .put("startedAt", r.tree().get("startedAt").asText());
      if (r.tree().has("shard")) {
        entry.set("shard", r.tree().get("shard"));
      }
      JsonNode ownRuns = r.tree().get("runs");
      if (ownRuns != null && ownRuns.isArray()) {
        runs.addAll((ArrayNode) ownRuns);
      } else {
        ObjectNode run =
            runs.addObject()
                .put("runId", r.tree().get("runId").asText())
                .put("startedAt", r.tree().get("startedAt").asText())
                .put("backend", r.tree().get("backend").asText());
        run.set("archive", r.tree().path("archive").isObject() ? r.tree().get("archive") : null);
      }
    }
    merged.set("matrices", matrices(reports));
    ArrayNode variants = variants(reports);
    merged.set("disk", disk(reports, variants));
    merged.set("variants", variants);
    Set<String> others = new TreeSet<>();
    for (ReportFiles.Input r : reports) {
      r.tree().fieldNames().forEachRemaining(others::add);
    }
    others.removeAll(COMPUTED);
    others.removeAll(List.of("replayOf", "archive", "buildId"));
    for (String field : others) {
      agreed(reports, field, merged);
    }
    return merged;
  }

  /**
   * Writes {@code merged} as {@code directory}'s report.json (creating the directory; atomically),
   * then its page, and returns report.json.
   *
   * @throws UncheckedIOException naming the file that could not be written
   */
  public static Path write(ObjectNode merged, Path directory) {
    Path target = directory.resolve(RunReportWriter.FILE_NAME);
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "." + RunReportWriter.FILE_NAME, ".tmp");
      try {
        Files.writeString(temp, ReportJson.MAPPER.writeValueAsString(merged) + "\n");
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write " + target + ": " + e.getMessage() + "; check that it is writable", e);
    }
    // report.json stands before its page is written: a page that cannot be written loses nothing
    ReportPage.write(target, merged)
        .ifPresent(
            e -> {
              throw e;
            });
    return target;
  }

  private static Instant startedAt(ReportFiles.Input input) {
    return Instant.parse(input.tree().get("startedAt").asText());
  }

  /** Copies {@code field} into {@code merged} when every report that has it agrees on it. */
  private static void agreed(List<ReportFiles.Input> reports, String field, ObjectNode merged) {
    Set<JsonNode> values = new LinkedHashSet<>();
    for (ReportFiles.Input r : reports) {
      if (r.tree().has(field)) {
        values.add(r.tree().get(field));
      }
    }
    if (values.size() == 1) {
      merged.set(field, values.iterator().next());
    }
  }

  private static void checkShards(List<ReportFiles.Input> reports) {
    Map<Integer, ReportFiles.Input> byIndex = new LinkedHashMap<>();
    int total = -1;
    ReportFiles.Input first = null;
    for (ReportFiles.Input r : reports) {
      JsonNode shard = r.tree().get("shard");
      if (shard == null || shard.isNull()) {
        continue;
      }
      int index = shard.get("index").intValue();
      int n = shard.get("total").intValue();
      if (first == null) {
        first = r;
        total = n;
      } else if (n != total) {
        throw new ReportMergeException(
            first.file()
                + " is a shard of "
                + total
                + " but "
                + r.file()
                + " one of "
                + n
                + "; merge the shards of one run (the same containermatrix.shard total)");
      }
      // each module of a build writes its own file per shard: an index may come more than once
      byIndex.putIfAbsent(index, r);
    }
    if (first != null && byIndex.size() != total) {
      List<String> missing = new ArrayList<>();
      for (int k = 1; k <= total; k++) {
        if (!byIndex.containsKey(k)) {
          missing.add("report-" + k + "-of-" + total + ".json");
        }
      }
      throw new ReportMergeException(
          "the shards of the run are not all here: "
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " missing; pass every shard's report (a shard that ran no variant still writes"
              + " one; check that its CI job uploaded it)");
    }
  }

  private static ArrayNode matrices(List<ReportFiles.Input> reports) {
    Map<String, ObjectNode> byClass = new LinkedHashMap<>();
    for (ReportFiles.Input r : reports) {
      for (JsonNode m : r.tree().get("matrices")) {
        String testClass = m.get("class").asText();
        ObjectNode known = byClass.get(testClass);
        if (known == null) {
          byClass.put(testClass, ((ObjectNode) m).deepCopy());
        } else {
          JsonNode a = known.get("variantsRun");
          JsonNode b = m.get("variantsRun");
          if (a == null || a.isNull()) {
            known.set("variantsRun", b == null ? null : b.deepCopy());
          } else if (b != null && !b.isNull()) {
            known.put("variantsRun", (long) a.intValue() + b.intValue());
          }
        }
      }
    }
    ArrayNode out = NODES.arrayNode();
    byClass.values().forEach(out::add);
    return out;
  }

  private static ArrayNode variants(List<ReportFiles.Input> reports) {
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    Map<String, Path> seenIn = new LinkedHashMap<>();
    for (ReportFiles.Input r : reports) {
      for (JsonNode v : r.tree().get("variants")) {
        String key = v.get("class").asText() + "#" + v.get("id").asText();
        JsonNode earlier = seen.get(key);
        if (earlier == null) {
          seen.put(key, v);
          seenIn.put(key, r.file());
        } else if (!earlier.equals(v)) {
          throw new ReportMergeException(
              "variant "
                  + v.get("id").asText()
                  + " of "
                  + v.get("class").asText()
                  + " is in both "
                  + seenIn.get(key)
                  + " and "
                  + r.file()
                  + ", with different results; merge reports of different variants (the shards"
                  + " of one run, or runs of different classes), not two runs of the same one");
        }
      }
    }
    ArrayNode out = NODES.arrayNode();
    seen.values().forEach(out::add);
    return out;
  }

  private static JsonNode disk(List<ReportFiles.Input> reports, ArrayNode variants) {
    long layersCollected = 0;
    long bytesCollected = 0;
    for (ReportFiles.Input r : reports) {
      JsonNode disk = r.tree().get("disk");
      if (disk != null && disk.isObject()) {
        layersCollected = saturatedSum(layersCollected, disk.path("layersCollected").asLong());
        bytesCollected = saturatedSum(bytesCollected, disk.path("bytesCollected").asLong());
      }
    }
    List<JsonNode> all = new ArrayList<>();
    variants.elements().forEachRemaining(all::add);
    return ReportJson.MAPPER.valueToTree(DiskUsage.of(all, layersCollected, bytesCollected));
  }

  /** {@code a + max(0, b)}, at most {@link Long#MAX_VALUE}. */
  private static long saturatedSum(long a, long b) {
    long sum = a + Math.max(0, b);
    return sum < a ? Long.MAX_VALUE : sum;
  }
}
