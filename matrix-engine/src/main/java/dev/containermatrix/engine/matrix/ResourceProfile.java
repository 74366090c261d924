package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One named set of resource limits: a value of the {@link Axis.Resource resources} axis. The limits
 * themselves, and their checks, are the backend's {@link ResourceLimits}.
 *
 * @param name the value's label, e.g. {@code small}
 * @param limits the limits; absent ones are not set
 */
@API(status = INTERNAL, since = "0.1")
public record ResourceProfile(String name, ResourceLimits limits, Origin origin) {

  public ResourceProfile {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(limits, "limits");
    if (name == null || name.isBlank()) {
      throw new MatrixDefinitionException(
          origin, "a resources entry needs a name, e.g. name = \"small\"");
    }
  }

  /**
   * A profile of these limits.
   *
   * @throws MatrixDefinitionException naming {@code origin} where a limit is not valid ({@link
   *     ResourceLimits} says which and why) or the name is blank
   */
  public static ResourceProfile of(
      String name,
      Optional<Double> cpus,
      OptionalLong memoryBytes,
      OptionalLong pids,
      OptionalLong nofile,
      Optional<String> cpuset,
      Origin origin) {
    ResourceLimits limits;
    try {
      limits = new ResourceLimits(cpus, memoryBytes, pids, nofile, cpuset);
    } catch (IllegalArgumentException e) {
      throw new MatrixDefinitionException(origin, e.getMessage(), e);
    }
    return new ResourceProfile(name, limits, origin);
  }
}
