package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** Named resource-limit profiles. Named {@code resources}. */
@API(status = INTERNAL, since = "0.1")
public record ResourceAxis(List<ResourceProfile> profiles, Origin origin) implements Axis {
  public static final String NAME = "resources";

  public ResourceAxis {
    Objects.requireNonNull(origin, "origin");
    profiles = List.copyOf(profiles);
    Axis.checkLabels(profiles.stream().map(ResourceProfile::name).toList(), NAME, origin);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> labels() {
    return profiles.stream().map(ResourceProfile::name).toList();
  }

  /** The profile with that name. */
  public ResourceProfile profile(String label) {
    return profiles.stream().filter(p -> p.name().equals(label)).findFirst().orElseThrow();
  }
}
