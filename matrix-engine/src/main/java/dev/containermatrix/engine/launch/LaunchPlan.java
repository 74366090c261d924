package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything one variant's launch needs, decided: the container the backend starts (JVM command and
 * options, classpath, environment, limits, files) and the layers it is mounted on.
 *
 * @param plan the variant's plan
 * @param layers the layers the backend mounts, bottom first, with the class-data layer where one is
 *     used; empty for a backend without layers
 * @param spec what the backend launches
 * @param classData which class-data archive the variant starts from, or why none (for its report
 *     entry); empty where class data is off, or for a replay, which uses what it archived
 */
@API(status = INTERNAL, since = "0.1")
public record LaunchPlan(
    VariantPlan plan, List<PlannedLayer> layers, ContainerSpec spec, Optional<String> classData) {
  public LaunchPlan {
    Objects.requireNonNull(plan, "plan");
    layers = List.copyOf(layers);
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(classData, "classData");
  }
}
