package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** Named configurations (env, system properties, files); repeatable under different names. */
@API(status = INTERNAL, since = "0.1")
public record ConfigAxis(String name, List<ConfigProfile> profiles, Origin origin) implements Axis {
  public ConfigAxis {
    Objects.requireNonNull(origin, "origin");
    Axis.checkName(name, origin);
    profiles = List.copyOf(profiles);
    Axis.checkLabels(profiles.stream().map(ConfigProfile::name).toList(), name, origin);
  }

  @Override
  public List<String> labels() {
    return profiles.stream().map(ConfigProfile::name).toList();
  }

  /** The profile with that name. */
  public ConfigProfile profile(String label) {
    return profiles.stream().filter(p -> p.name().equals(label)).findFirst().orElseThrow();
  }
}
