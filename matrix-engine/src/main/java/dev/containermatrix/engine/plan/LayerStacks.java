package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Each variant's whole layer stack, bottom first: base image, JDK, jars, classes and config. A
 * stack may read its base image on first use, so asking can fail with an {@link
 * java.io.UncheckedIOException} naming the image.
 */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface LayerStacks {
  /** No stacks: the variants run without layers and are not archived. */
  LayerStacks NONE = plan -> List.of();

  List<PlannedLayer> of(VariantPlan plan);
}
