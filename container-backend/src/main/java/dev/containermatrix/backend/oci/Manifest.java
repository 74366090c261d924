package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An image manifest (OCI, or Docker v2, which has the same fields): its config and its layers,
 * bottom first.
 *
 * @param schemaVersion {@code 2}; {@code 0} if the document leaves it out
 * @param mediaType the manifest's own media type, if it names one
 * @param config the image config blob
 * @param layers the layer blobs, bottom first; never {@code null}, maybe empty
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
public record Manifest(
    int schemaVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String mediaType,
    Descriptor config,
    List<Descriptor> layers) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the config or the layers are missing
   */
  public Manifest {
    if (layers == null) {
      throw new IllegalArgumentException("has no \"layers\" array, so it is not an image manifest");
    }
    Checks.present(config, "\"config\" descriptor");
    layers = Checks.list(layers, "layers");
  }

  /** An OCI image manifest of {@code config} and {@code layers}. */
  public static Manifest of(Descriptor config, List<Descriptor> layers) {
    return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers);
  }
}
