package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One image of a {@code docker save} archive's {@code manifest.json} (a JSON array of these).
 *
 * @param config the path of its config in the archive
 * @param repoTags its tags; never {@code null}, maybe empty
 * @param layers the paths of its layers in the archive, bottom first
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
public record DockerManifestEntry(
    @JsonProperty("Config") String config,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Layers") List<String> layers) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the config path is empty or the layers are missing
   */
  public DockerManifestEntry {
    if (layers == null) {
      throw new IllegalArgumentException("has no \"Layers\" array");
    }
    Checks.text(config, "Config");
    repoTags = Checks.list(repoTags, "RepoTags");
    layers = Checks.list(layers, "Layers");
  }
}
