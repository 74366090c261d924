package dev.containermatrix.engine.yaml;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.ResourceProfile;
import dev.containermatrix.engine.matrix.Sizes;
import dev.containermatrix.engine.yaml.YamlNode.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads one entry of a matrix file's {@code axes} list; the key it starts with says its kind. */
final class YamlAxisReader {
  private static final List<String> KINDS =
      List.of("library", "jdk", "resources", "config", "base");
  private static final String RESOURCES_EXAMPLE =
      "resources: [{name: small, cpus: 1, memory: 256m}]";

  private YamlAxisReader() {}

  static Axis read(YamlNode entry) {
    Mapping map =
        entry.asMapping(
            "write each axis as a map that starts with one of "
                + String.join(", ", KINDS)
                + ", like - jdk: [\"17\", \"25\"]");
    List<String> kinds = map.entries().keySet().stream().filter(KINDS::contains).toList();
    if (kinds.isEmpty()) {
      throw new MatrixDefinitionException(
          map.origin(),
          "the axis has none of the keys "
              + String.join(", ", KINDS)
              + "; start it with one of them");
    }
    if (kinds.size() > 1) {
      throw new MatrixDefinitionException(
          map.get(kinds.get(1)).orElseThrow().origin(),
          "an axis has one kind, but this one is also '"
              + kinds.get(0)
              + "'; make each axis its own list entry");
    }
    return switch (kinds.get(0)) {
      case "library" -> library(map.allowOnly(List.of("library", "name", "versions")));
      case "jdk" ->
          new Axis.Jdk(
              labels(map.allowOnly(List.of("jdk")).entries().get("jdk"), "jdk: [\"17\", \"25\"]"),
              map.entries().get("jdk").origin());
      case "resources" -> resources(map.allowOnly(List.of("resources")).entries().get("resources"));
      case "config" -> config(map.allowOnly(List.of("config", "values")));
      default ->
          new Axis.Base(
              labels(
                  map.allowOnly(List.of("base")).entries().get("base"),
                  "base: [\"oci-archive:images/bookworm.tar\"]"),
              map.entries().get("base").origin());
    };
  }

  private static Axis.Library library(Mapping map) {
    YamlNode coordinates = map.entries().get("library");
    String name =
        map.get("name").map(n -> n.asText("write a single name like name: jackson")).orElse(null);
    YamlNode versions =
        map.require(
            "versions", "add the versions to test, like versions: [\"2.21.3\", \"2.22.0\"]");
    return Axis.Library.of(
        coordinates.asText(
            "write the artifact as groupId:artifactId, like library:"
                + " com.fasterxml.jackson.core:jackson-databind"),
        name,
        labels(versions, "versions: [\"2.21.3\", \"2.22.0\"]"),
        coordinates.origin());
  }

  /** A non-empty list of values, each kept as written. */
  private static List<String> labels(YamlNode node, String example) {
    List<String> labels = new ArrayList<>();
    for (YamlNode item :
        node.asSequence("list the values like " + example)
            .nonEmpty("list at least one value, like " + example)) {
      labels.add(item.asText("list single values like " + example));
    }
    return labels;
  }

  private static Axis.Resource resources(YamlNode node) {
    List<ResourceProfile> profiles = new ArrayList<>();
    for (YamlNode item :
        node.asSequence("list the profiles like " + RESOURCES_EXAMPLE)
            .nonEmpty("list at least one profile, like " + RESOURCES_EXAMPLE)) {
      Mapping map =
          item.asMapping("write each profile as a map like {name: small, cpus: 1, memory: 256m}")
              .allowOnly(List.of("name", "cpus", "memory", "pids", "nofile", "cpuset"));
      profiles.add(
          ResourceProfile.of(
              map.require("name", "name the profile, like name: small")
                  .asText("write a single name like name: small"),
              map.get("cpus")
                  .map(n -> Sizes.parseCpus(n.asText("write a number like cpus: 1.5"), n.origin())),
              count(
                  map,
                  "memory",
                  n -> Sizes.parseBytes(n.asText("write a size like memory: 256m"), n.origin())),
              count(map, "pids", YamlAxisReader::positiveCount),
              count(map, "nofile", YamlAxisReader::positiveCount),
              map.get("cpuset").map(n -> n.asText("write a CPU list like cpuset: 0-1")),
              map.origin()));
    }
    return new Axis.Resource(profiles, node.origin());
  }

  private static OptionalLong count(
      Mapping map, String key, java.util.function.ToLongFunction<YamlNode> parse) {
    return map.get(key)
        .map(n -> OptionalLong.of(parse.applyAsLong(n)))
        .orElse(OptionalLong.empty());
  }

  private static long positiveCount(YamlNode node) {
    String text = node.asText("write a whole number like 256");
    try {
      long value = Long.parseLong(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new MatrixDefinitionException(
        node.origin(), "'" + text + "' is not a positive whole number; write it like 256");
  }

  private static Axis.Config config(Mapping map) {
    YamlNode name = map.entries().get("config");
    YamlNode values =
        map.require(
            "values", "list the configurations, like values: [{name: utc, env: {TZ: UTC}}]");
    List<ConfigProfile> profiles = new ArrayList<>();
    for (YamlNode item :
        values
            .asSequence("list the configurations like values: [{name: utc, env: {TZ: UTC}}]")
            .nonEmpty(
                "list at least one configuration, like values: [{name: utc, env: {TZ: UTC}}]")) {
      profiles.add(
          profile(
              item.asMapping(
                  "write each configuration as a map like {name: utc, env: {TZ: UTC}}")));
    }
    return new Axis.Config(name.asText("name the axis like config: tz"), profiles, name.origin());
  }

  private static ConfigProfile profile(Mapping map) {
    map.allowOnly(List.of("name", "env", "systemProperties", "files"));
    Map<String, String> env =
        map.get("env")
            .map(
                n ->
                    n.asMapping("write it as a map like env: {TZ: UTC}")
                        .texts("write a single value like TZ: UTC"))
            .orElse(Map.of());
    Map<String, String> properties =
        map.get("systemProperties")
            .map(
                n ->
                    n.asMapping("write it as a map like systemProperties: {user.timezone: UTC}")
                        .texts("write a single value like user.timezone: UTC"))
            .orElse(Map.of());
    List<ConfigFile> files = new ArrayList<>();
    map.get("files")
        .ifPresent(
            n ->
                n.asMapping(
                        "write it as a map of target to source like files: {/etc/app/app.yaml:"
                            + " conf/app.yaml}")
                    .entries()
                    .forEach(
                        (target, source) ->
                            files.add(
                                new ConfigFile(
                                    source.asText(
                                        "write the source as a single path like /etc/app/app.yaml:"
                                            + " conf/app.yaml"),
                                    target,
                                    source.origin()))));
    return new ConfigProfile(
        map.require("name", "name the configuration, like name: utc")
            .asText("write a single name like name: utc"),
        env,
        properties,
        files,
        map.origin());
  }
}
