package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * report.json's {@code disk}: what the variants' layers cost. {@code logicalBytes} counts every
 * variant's full stack, as {@code docker images} would; {@code physicalBytes} counts each distinct
 * layer once, as the store holds it; a distinct layer is {@code built} when any variant's entry
 * says its run built it, else reused. Read from the variants' report.json entries, so a run's part
 * and a build's merged report count the same way.
 *
 * @param layersCollected how many layers the runs' store collections removed
 * @param bytesCollected how many bytes those layers held
 */
record DiskUsage(
    long logicalBytes,
    long physicalBytes,
    int layers,
    long layersBuilt,
    long layersReused,
    long layersCollected,
    long bytesCollected) {

  /** The layer counts of {@code variants} (report.json variant entries) and what was collected. */
  static DiskUsage of(Iterable<JsonNode> variants, long layersCollected, long bytesCollected) {
    Map<String, Boolean> built = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    long logical = 0;
    for (JsonNode variant : variants) {
      for (JsonNode layer : variant.path("layers")) {
        String digest = layer.path("digest").asText();
        long size = layer.path("sizeBytes").asLong();
        logical += size;
        sizes.putIfAbsent(digest, size);
        built.merge(digest, layer.path("built").asBoolean(), Boolean::logicalOr);
      }
    }
    long layersBuilt = built.values().stream().filter(b -> b).count();
    return new DiskUsage(
        logical,
        sizes.values().stream().mapToLong(Long::longValue).sum(),
        sizes.size(),
        layersBuilt,
        sizes.size() - layersBuilt,
        layersCollected,
        bytesCollected);
  }
}
