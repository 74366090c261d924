package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A container as {@code GET /containers/json} lists it.
 *
 * @param id its full id
 * @param names its names, each with the engine's leading {@code /}
 * @param image the image it was created from, as given
 * @param state {@code created}, {@code running}, {@code exited}, …
 * @param labels its labels; never {@code null} but potentially empty
 */
@API(status = INTERNAL, since = "0.1")
public record ContainerSummary(
    String id, List<String> names, String image, String state, Map<String, String> labels) {
  public ContainerSummary {
    Objects.requireNonNull(id, "id must not be null");
    names = List.copyOf(names);
    Objects.requireNonNull(image, "image must not be null");
    Objects.requireNonNull(state, "state must not be null");
    labels = Map.copyOf(labels);
  }
}
