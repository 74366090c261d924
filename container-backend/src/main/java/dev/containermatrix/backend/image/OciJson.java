package dev.containermatrix.backend.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads OCI (and Docker) image JSON: indexes, manifests, configs and {@code docker save}'s
 * manifest.json. Every error names the file and the field.
 */
final class OciJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OciJson() {}

  static List<OciDescriptor> index(byte[] json, String where) throws ImageSourceException {
    JsonNode manifests = parse(json, where).path("manifests");
    if (!manifests.isArray()) {
      throw invalid(where, "has no \"manifests\" array");
    }
    List<OciDescriptor> result = new ArrayList<>();
    for (JsonNode entry : manifests) {
      result.add(descriptor(entry, where, "manifests[" + result.size() + "]"));
    }
    return result;
  }

  static OciManifest manifest(byte[] json, String where) throws ImageSourceException {
    JsonNode root = parse(json, where);
    JsonNode layers = root.path("layers");
    if (!layers.isArray()) {
      throw invalid(where, "has no \"layers\" array: it is not an image manifest");
    }
    List<OciDescriptor> result = new ArrayList<>();
    for (JsonNode layer : layers) {
      result.add(descriptor(layer, where, "layers[" + result.size() + "]"));
    }
    return new OciManifest(descriptor(root.path("config"), where, "config"), result);
  }

  static ImageConfig config(byte[] json, String where) throws ImageSourceException {
    JsonNode root = parse(json, where);
    List<String> env = new ArrayList<>();
    for (JsonNode value : root.path("config").path("Env")) {
      env.add(value.asText());
    }
    JsonNode diffIds = root.path("rootfs").path("diff_ids");
    if (!diffIds.isArray()) {
      throw invalid(where, "has no \"rootfs.diff_ids\" array: it is not an image config");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : diffIds) {
      ids.add(checkDigest(id.asText(), where, "rootfs.diff_ids[" + ids.size() + "]").toString());
    }
    return new ImageConfig(
        text(root, "os", where, "os"), text(root, "architecture", where, "architecture"), env, ids);
  }

  /** One entry of {@code docker save}'s manifest.json. */
  record DockerManifestEntry(String config, List<String> repoTags, List<String> layers) {}

  static List<DockerManifestEntry> dockerManifest(byte[] json, String where)
      throws ImageSourceException {
    JsonNode root = parse(json, where);
    if (!root.isArray()) {
      throw invalid(where, "is not a JSON array of images");
    }
    List<DockerManifestEntry> result = new ArrayList<>();
    for (JsonNode entry : root) {
      String field = "[" + result.size() + "]";
      List<String> tags = new ArrayList<>();
      entry.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
      List<String> layers = new ArrayList<>();
      if (!entry.path("Layers").isArray()) {
        throw invalid(where, "has no \"Layers\" array in " + field);
      }
      entry.path("Layers").forEach(layer -> layers.add(layer.asText()));
      result.add(
          new DockerManifestEntry(text(entry, "Config", where, field + ".Config"), tags, layers));
    }
    return result;
  }

  private static OciDescriptor descriptor(JsonNode node, String where, String field)
      throws ImageSourceException {
    if (!node.isObject()) {
      throw invalid(where, "has no descriptor object at \"" + field + "\"");
    }
    JsonNode size = node.path("size");
    if (!size.canConvertToLong() || size.asLong() < 0) {
      throw invalid(where, "has no valid \"" + field + ".size\" (was " + size + ")");
    }
    Optional<Platform> platform = Optional.empty();
    JsonNode p = node.path("platform");
    if (p.isObject()) {
      platform =
          Optional.of(
              new Platform(
                  text(p, "os", where, field + ".platform.os"),
                  text(p, "architecture", where, field + ".platform.architecture"),
                  Optional.ofNullable(p.path("variant").textValue())));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new OciDescriptor(
        text(node, "mediaType", where, field + ".mediaType"),
        checkDigest(text(node, "digest", where, field + ".digest"), where, field + ".digest"),
        size.asLong(),
        platform,
        annotations);
  }

  private static Digest checkDigest(String digest, String where, String field)
      throws ImageSourceException {
    return Digest.tryParse(digest)
        .orElseThrow(
            () ->
                invalid(
                    where,
                    "has \""
                        + field
                        + "\" = \""
                        + digest
                        + "\", which is not a sha256 digest (only sha256 is supported)"));
  }

  private static String text(JsonNode node, String name, String where, String field)
      throws ImageSourceException {
    JsonNode value = node.path(name);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw invalid(where, "has no \"" + field + "\" string");
    }
    return value.asText();
  }

  private static JsonNode parse(byte[] json, String where) throws ImageSourceException {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ImageSourceException(
          where
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "): the image is corrupt; export it again",
          e);
    } catch (IOException e) {
      throw new ImageSourceException(
          where
              + " cannot be read as JSON ("
              + e.getMessage()
              + "): the image is corrupt; export it again",
          e);
    }
  }

  private static ImageSourceException invalid(String where, String what) {
    return new ImageSourceException(
        where + " " + what + ": the image is malformed; export it again");
  }
}
