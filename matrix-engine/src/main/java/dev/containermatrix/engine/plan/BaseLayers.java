package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/** The layers of a base image in the store, bottom first. */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface BaseLayers {
  /**
   * @param reference the image, as the matrix names it (never {@code host})
   * @throws java.io.UncheckedIOException naming the image when it cannot be read or stored
   */
  List<PlannedLayer> of(String reference);
}
