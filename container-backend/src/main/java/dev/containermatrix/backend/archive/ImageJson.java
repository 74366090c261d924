package dev.containermatrix.backend.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.image.Platform;
import dev.containermatrix.backend.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI image config and image manifest JSON the archive writes, and their reading back. Written
 * documents are compact, with fields in a fixed order and labels sorted, so equal images give equal
 * blobs. Readers throw {@link IllegalArgumentException} with the reason a document is malformed.
 */
final class ImageJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private ImageJson() {}

  /** What an image manifest lists. */
  record Manifest(ArchivedBlob config, List<ArchivedBlob> layers) {}

  /** What the archive reads from an image config. */
  record Config(
      String os,
      String architecture,
      List<String> diffIds,
      List<String> env,
      List<String> cmd,
      String workingDir,
      Map<String, String> labels) {}

  static byte[] config(ImageSpec spec, String runtimeConfigDigest) {
    ObjectNode root = MAPPER.createObjectNode();
    Platform host = Platform.host();
    root.put("architecture", host.architecture());
    root.put("os", host.os());
    ObjectNode config = root.putObject("config");
    if (!spec.env().isEmpty()) {
      strings(config.putArray("Env"), spec.env());
    }
    if (!spec.cmd().isEmpty()) {
      strings(config.putArray("Cmd"), spec.cmd());
    }
    if (!spec.workingDir().isEmpty()) {
      config.put("WorkingDir", spec.workingDir());
    }
    ObjectNode labels = config.putObject("Labels");
    TreeMap<String, String> sorted = new TreeMap<>(spec.labels());
    sorted.put(RunArchive.RUNTIME_CONFIG_LABEL, runtimeConfigDigest);
    sorted.forEach(labels::put);
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    strings(rootfs.putArray("diff_ids"), spec.layers().stream().map(ArchivedBlob::digest).toList());
    return bytes(root);
  }

  static byte[] manifest(ArchivedBlob config, List<ArchivedBlob> layers) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_MANIFEST);
    descriptor(root.putObject("config"), config);
    ArrayNode array = root.putArray("layers");
    layers.forEach(layer -> descriptor(array.addObject(), layer));
    return bytes(root);
  }

  static Manifest readManifest(byte[] json) {
    JsonNode root = parse(json);
    JsonNode layers = root.path("layers");
    if (!layers.isArray()) {
      throw new IllegalArgumentException(
          "it has no \"layers\" array, so it is not an image manifest");
    }
    List<ArchivedBlob> result = new ArrayList<>();
    for (JsonNode layer : layers) {
      result.add(descriptor(layer, "layers[" + result.size() + "]"));
    }
    return new Manifest(descriptor(root.path("config"), "config"), result);
  }

  static Config readConfig(byte[] json) {
    JsonNode root = parse(json);
    JsonNode diffIds = root.path("rootfs").path("diff_ids");
    if (!diffIds.isArray()) {
      throw new IllegalArgumentException(
          "it has no \"rootfs.diff_ids\" array, so it is not an image config");
    }
    JsonNode config = root.path("config");
    Map<String, String> labels = new TreeMap<>();
    config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new Config(
        root.path("os").asText("linux"),
        root.path("architecture").asText(Platform.host().architecture()),
        texts(diffIds),
        texts(config.path("Env")),
        texts(config.path("Cmd")),
        config.path("WorkingDir").asText(""),
        labels);
  }

  static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("it cannot be read as JSON (" + e.getMessage() + ")", e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a JSON tree built in memory could not be written: " + e.getMessage(), e);
    }
  }

  static void descriptor(ObjectNode node, ArchivedBlob blob) {
    node.put("mediaType", blob.mediaType());
    node.put("digest", blob.digest());
    node.put("size", blob.size());
  }

  static ArchivedBlob descriptor(JsonNode node, String field) {
    JsonNode size = node.path("size");
    if (!node.isObject() || !size.canConvertToLong()) {
      throw new IllegalArgumentException("it has no valid descriptor at \"" + field + "\"");
    }
    try {
      return new ArchivedBlob(
          node.path("digest").asText(), size.asLong(), node.path("mediaType").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "its descriptor \"" + field + "\" is invalid: " + e.getMessage(), e);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(value -> result.add(value.asText()));
    return result;
  }
}
