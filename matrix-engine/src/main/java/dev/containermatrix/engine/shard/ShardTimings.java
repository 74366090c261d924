package dev.containermatrix.engine.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The durations of an earlier run's variants, by class and variant id, read from its report.json
 * (or a shard's {@code report-<k>-of-<n>.json}, or a merged report): {@code
 * containermatrix.shard.timings}. A variant listed more than once (a rerun) counts with its longest
 * duration.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShardTimings {
  /** The configuration parameter the timings file is named by. */
  public static final String KEY = "containermatrix.shard.timings";

  /** The largest timings file read; a report of 10,000 variants is far smaller. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  private static final ShardTimings NONE = new ShardTimings(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Long> durations;

  private ShardTimings(Map<String, Long> durations) {
    this.durations = Map.copyOf(durations);
  }

  /** No durations known: the split falls back to the variant ids. */
  public static ShardTimings none() {
    return NONE;
  }

  /**
   * Durations in milliseconds by {@code <class>#<variant id>}.
   *
   * @throws IllegalArgumentException if a duration is negative
   */
  static ShardTimings of(Map<String, Long> durations) {
    durations.forEach(
        (k, v) -> {
          if (v < 0) {
            throw new IllegalArgumentException("duration of " + k + " is negative: " + v);
          }
        });
    return new ShardTimings(durations);
  }

  /**
   * Reads the {@code variants[]} of a report file.
   *
   * @throws IllegalArgumentException naming {@value #KEY}, the file, what is wrong with it and what
   *     to do, when it is missing, unreadable, too large or not a report
   */
  public static ShardTimings read(Path file) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw error(file, "it is not a file (or does not exist)");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw error(file, "it is larger than " + MAX_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        root = JSON.readTree(in);
      }
    } catch (JsonProcessingException e) {
      throw error(file, "it is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw error(file, "it cannot be read (" + e + ")");
    }
    return parse(file, root);
  }

  /** The timings in {@code root}, a report's JSON tree read from {@code file}. */
  static ShardTimings parse(Path file, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error(file, "it is not a JSON object");
    }
    JsonNode variants = root.get("variants");
    if (variants == null || !variants.isArray()) {
      throw error(file, "it has no \"variants\" array");
    }
    Map<String, Long> durations = new HashMap<>();
    for (int i = 0; i < variants.size(); i++) {
      JsonNode v = variants.get(i);
      String where = "variants[" + i + "]";
      if (!v.isObject()) {
        throw error(file, "its " + where + " is not an object");
      }
      String id = text(file, v, "id", where);
      String testClass = text(file, v, "class", where);
      JsonNode duration = v.get("durationMillis");
      if (duration == null
          || !duration.isIntegralNumber()
          || !duration.canConvertToLong()
          || duration.asLong() < 0) {
        throw error(file, "its " + where + ".durationMillis is not a whole number >= 0");
      }
      durations.merge(testClass + "#" + id, duration.asLong(), Math::max);
    }
    return new ShardTimings(durations);
  }

  private static String text(Path file, JsonNode variant, String field, String where) {
    JsonNode value = variant.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw error(file, "its " + where + "." + field + " is not a non-empty string");
    }
    return value.asText();
  }

  private static IllegalArgumentException error(Path file, String problem) {
    return new IllegalArgumentException(
        KEY
            + "="
            + file
            + ": "
            + problem
            + "; point it at the report.json (or a report-<k>-of-<n>.json, or a merged report) of"
            + " an earlier run, or remove it");
  }

  /** The duration of the variant {@code variantId} of {@code testClass}, if known. */
  public OptionalLong duration(String testClass, String variantId) {
    Long d = durations.get(testClass + "#" + variantId);
    return d == null ? OptionalLong.empty() : OptionalLong.of(d);
  }

  /** How many variants have a duration. */
  public int size() {
    return durations.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardTimings t && t.durations.equals(durations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(durations);
  }

  @Override
  public String toString() {
    return "ShardTimings[" + durations.size() + " variants]";
  }
}
