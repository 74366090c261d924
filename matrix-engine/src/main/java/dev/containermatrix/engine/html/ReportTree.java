package dev.containermatrix.engine.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What report.html shows of a report.json tree, read leniently: the tree is outside input, so a
 * field of the wrong type or shape counts as absent, and an entry of {@code variants[]} that is not
 * an object is left out (and counted). Only a tree that is not a report at all is refused.
 *
 * @param runIds the runs the report covers, oldest first: {@code runs[]}'s, else {@code runId},
 *     then any other run a variant names
 * @param backends the runs' backends, distinct: {@code runs[]}'s, else the top-level {@code
 *     backend}
 * @param host the host, or each of a merge's {@code hosts[]} where they differ
 * @param mergedFrom a merged report's files ({@code mergedFrom[]}), each with its shard
 * @param notVariants how many entries of {@code variants[]} were left out for not being objects
 */
record ReportTree(
    List<String> runIds,
    Optional<String> startedAt,
    List<String> backends,
    Optional<String> host,
    Optional<String> shard,
    List<String> mergedFrom,
    Optional<String> replayOf,
    Optional<String> archiveNote,
    List<String> matrices,
    List<Variant> variants,
    int notVariants) {

  /**
   * One entry of {@code variants[]}.
   *
   * @param values the axis values, in the entry's order
   * @param limits the limits that are set, as {@code name -> shown value}
   */
  record Variant(
      String id,
      String testClass,
      String name,
      Optional<String> runId,
      Map<String, String> values,
      String status,
      Optional<String> reason,
      OptionalLong passed,
      OptionalLong failed,
      OptionalLong skipped,
      OptionalLong durationMillis,
      OptionalLong cpuMillis,
      OptionalLong peakMemoryBytes,
      OptionalLong attempts,
      Map<String, String> limits,
      List<String> notEnforced,
      List<Failure> failures,
      List<Flaky> flaky,
      List<String> runningTest,
      Optional<String> logs,
      List<ClassCount> classes,
      Optional<String> jdk) {}

  record Failure(String test, String message) {}

  record Flaky(String test, OptionalLong attempts, String message) {}

  record ClassCount(String name, OptionalLong passed, OptionalLong failed, OptionalLong skipped) {}

  /**
   * Reads {@code tree}.
   *
   * @throws IllegalArgumentException if it is not a report.json tree: not an object, or without a
   *     {@code variants} array and a {@code runId} or {@code runs}
   */
  static ReportTree read(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw notAReport(
          "it is "
              + (tree == null ? "null" : "a JSON " + tree.getNodeType().name().toLowerCase())
              + ", not an object");
    }
    if (!tree.path("variants").isArray()) {
      throw notAReport("it has no variants array");
    }
    if (!tree.path("runId").isTextual() && !tree.path("runs").isArray()) {
      throw notAReport("it has neither a runId nor a runs array");
    }
    Set<String> runIds = new LinkedHashSet<>();
    Set<String> backends = new LinkedHashSet<>();
    for (JsonNode run : tree.path("runs")) {
      text(run, "runId").ifPresent(runIds::add);
      text(run, "backend").ifPresent(backends::add);
    }
    text(tree, "runId").ifPresent(runIds::add);
    if (backends.isEmpty()) {
      text(tree, "backend").ifPresent(backends::add);
    }
    List<String> mergedFrom = new ArrayList<>();
    for (JsonNode file : tree.path("mergedFrom")) {
      text(file, "file")
          .ifPresent(
              f ->
                  mergedFrom.add(
                      f + shard(file.path("shard")).map(k -> " (shard " + k + ")").orElse("")));
    }
    List<String> hosts = new ArrayList<>();
    for (JsonNode host : tree.path("hosts")) {
      host(host).ifPresent(hosts::add);
    }
    List<Variant> variants = new ArrayList<>();
    int notVariants = 0;
    for (JsonNode entry : tree.path("variants")) {
      if (entry.isObject()) {
        Variant variant = variant(entry);
        variants.add(variant);
        variant.runId().ifPresent(runIds::add);
      } else {
        notVariants++;
      }
    }
    List<String> matrices = new ArrayList<>();
    for (JsonNode matrix : tree.path("matrices")) {
      text(matrix, "class").ifPresent(matrices::add);
    }
    return new ReportTree(
        List.copyOf(runIds),
        text(tree, "startedAt"),
        List.copyOf(backends),
        hosts.isEmpty() ? host(tree.path("host")) : Optional.of(String.join("; ", hosts)),
        shard(tree.path("shard")),
        List.copyOf(mergedFrom),
        text(tree, "replayOf"),
        text(tree.path("archive"), "note"),
        matrices,
        variants,
        notVariants);
  }

  private static IllegalArgumentException notAReport(String why) {
    return new IllegalArgumentException(
        "Cannot render report.html: the tree is not a report.json ("
            + why
            + "); render a report.json that a run or the merge command wrote");
  }

  private static Variant variant(JsonNode entry) {
    JsonNode tests = entry.path("tests");
    return new Variant(
        text(entry, "id").orElse("?"),
        text(entry, "class").orElse("(no class)"),
        text(entry, "name").orElse(""),
        text(entry, "runId"),
        strings(entry.path("values")),
        text(entry, "status").orElse("UNKNOWN"),
        text(entry, "reason"),
        number(tests, "passed"),
        number(tests, "failed"),
        number(tests, "skipped"),
        number(entry, "durationMillis"),
        number(entry, "cpuMillis"),
        number(entry, "peakMemoryBytes"),
        number(entry, "attempts"),
        limits(entry.path("limits")),
        textList(entry.path("notEnforced")),
        failures(entry.path("failures")),
        flaky(entry.path("flaky")),
        runningTest(entry.path("runningTest")),
        text(entry, "logs"),
        classes(entry.path("classes")),
        jdk(entry.path("jdk")));
  }

  /** A field's text: a string as it is, a number or boolean as JSON writes it; else empty. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    if (value.isNumber() || value.isBoolean()) {
      return Optional.of(value.asText());
    }
    return Optional.empty();
  }

  /** A whole number field (a fractional one is cut); empty unless it is a number. */
  static OptionalLong number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return OptionalLong.of(value.longValue());
    }
    if (value.isNumber() && Double.isFinite(value.doubleValue())) {
      return OptionalLong.of((long) value.doubleValue());
    }
    return OptionalLong.empty();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    if (object.isObject()) {
      object
          .properties()
          .forEach(
              e -> {
                JsonNode v = e.getValue();
                if (v.isValueNode() && !v.isNull()) {
                  values.put(e.getKey(), v.asText());
                }
              });
    }
    return values;
  }

  private static List<String> textList(JsonNode array) {
    List<String> list = new ArrayList<>();
    for (JsonNode item : array) {
      if (item.isValueNode() && !item.isNull()) {
        list.add(item.asText());
      }
    }
    return list;
  }

  private static List<String> runningTest(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    return node.isArray() ? textList(node) : List.of();
  }

  private static Map<String, String> limits(JsonNode limits) {
    Map<String, String> shown = new LinkedHashMap<>();
    text(limits, "cpus").ifPresent(v -> shown.put("cpus", v));
    number(limits, "memoryBytes").ifPresent(v -> shown.put("memory", Units.bytes(v)));
    text(limits, "pids").ifPresent(v -> shown.put("pids", v));
    text(limits, "nofile").ifPresent(v -> shown.put("nofile", v));
    return shown;
  }

  private static List<Failure> failures(JsonNode array) {
    List<Failure> failures = new ArrayList<>();
    for (JsonNode f : array) {
      if (f.isObject()) {
        failures.add(new Failure(text(f, "test").orElse("?"), text(f, "message").orElse("")));
      }
    }
    return failures;
  }

  private static List<Flaky> flaky(JsonNode array) {
    List<Flaky> flaky = new ArrayList<>();
    for (JsonNode f : array) {
      if (f.isObject()) {
        flaky.add(
            new Flaky(
                text(f, "test").orElse("?"), number(f, "attempts"), text(f, "message").orElse("")));
      }
    }
    return flaky;
  }

  private static List<ClassCount> classes(JsonNode array) {
    List<ClassCount> classes = new ArrayList<>();
    for (JsonNode c : array) {
      if (c.isObject()) {
        classes.add(
            new ClassCount(
                text(c, "name").orElse("?"),
                number(c, "passed"),
                number(c, "failed"),
                number(c, "skipped")));
      }
    }
    return classes;
  }

  private static Optional<String> jdk(JsonNode jdk) {
    Optional<String> feature = text(jdk, "feature");
    Optional<String> home = text(jdk, "home");
    if (feature.isEmpty() && home.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        feature.map(f -> "JDK " + f).orElse("JDK")
            + home.map(h -> " (" + h + ")").orElse("")
            + (jdk.path("inImage").asBoolean(false) ? " in the base image" : ""));
  }

  private static Optional<String> host(JsonNode host) {
    if (!host.isObject()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    text(host, "kernel").ifPresent(parts::add);
    text(host, "arch").ifPresent(parts::add);
    text(host, "cpus").ifPresent(c -> parts.add(c + " CPUs"));
    number(host, "memoryBytes").ifPresent(m -> parts.add(Units.bytes(m) + " memory"));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  private static Optional<String> shard(JsonNode shard) {
    OptionalLong index = number(shard, "index");
    OptionalLong total = number(shard, "total");
    if (index.isEmpty() || total.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(index.getAsLong() + " of " + total.getAsLong());
  }
}
