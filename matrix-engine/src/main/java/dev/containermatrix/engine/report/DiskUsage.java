package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * report.json's {@code disk}: what the variants' layers cost. {@code logicalBytes} counts every
 * variant's full stack, as {@code docker images} would; {@code physicalBytes} counts each distinct
 * layer once, as the store holds it; a distinct layer is {@code built} when any variant's entry
 * says its run built it, else reused. Read from the variants' report.json entries, so a run's part
 * and a build's merged report count the same way.
 */
final class DiskUsage {
  private DiskUsage() {}

  /** Puts the layer counts of {@code variants} (report.json variant entries) into {@code disk}. */
  static void count(ObjectNode disk, Iterable<JsonNode> variants) {
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
    disk.put("logicalBytes", logical);
    disk.put("physicalBytes", sizes.values().stream().mapToLong(Long::longValue).sum());
    disk.put("layers", sizes.size());
    disk.put("layersBuilt", layersBuilt);
    disk.put("layersReused", sizes.size() - layersBuilt);
  }
}
