package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An image as the engine lists or inspects it.
 *
 * @param id its id, {@code sha256:…}
 * @param repoTags its names, {@code name:tag}; never {@code null} but potentially empty
 * @param labels its config's labels; never {@code null} but potentially empty
 * @param created when the engine made it; {@link Instant#EPOCH} where the engine did not say
 */
@API(status = INTERNAL, since = "0.1")
public record ImageDetails(
    String id, List<String> repoTags, Map<String, String> labels, Instant created) {
  public ImageDetails {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(created, "created must not be null");
    repoTags = List.copyOf(repoTags);
    labels = Map.copyOf(labels);
  }
}
