package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * JDKs to run on, each a feature version ({@code "17"}) or a path to a JDK home. Named {@code jdk}.
 */
@API(status = INTERNAL, since = "0.1")
public record JdkAxis(List<String> versions, Origin origin) implements Axis {
  public static final String NAME = "jdk";

  public JdkAxis {
    Objects.requireNonNull(origin, "origin");
    versions = Axis.checkLabels(versions, NAME, origin);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> labels() {
    return versions;
  }
}
