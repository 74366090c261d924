package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An image index (an OCI layout's {@code index.json}, a multi-platform image, a Docker manifest
 * list): the manifests and nested indexes it names.
 *
 * @param schemaVersion {@code 2}; {@code 0} if the document leaves it out
 * @param mediaType the index's own media type, if it names one
 * @param manifests its entries in document order; never {@code null}, maybe empty
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests"})
public record Index(
    int schemaVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String mediaType,
    List<Descriptor> manifests) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the manifests are missing
   */
  public Index {
    if (manifests == null) {
      throw new IllegalArgumentException("has no \"manifests\" array");
    }
    manifests = Checks.list(manifests, "manifests");
  }

  /** An OCI image index of {@code manifests}. */
  public static Index of(List<Descriptor> manifests) {
    return new Index(2, MediaTypes.OCI_INDEX, manifests);
  }
}
