package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Versions of one Maven artifact. Each variant's classpath is the test classpath with that
 * artifact, and its conflicting transitive dependencies, replaced by the chosen version's.
 *
 * @param groupId the artifact's group
 * @param artifactId the artifact's id; the default axis name
 * @param versions the versions, never empty
 */
@API(status = INTERNAL, since = "0.1")
public record LibraryAxis(
    String name, String groupId, String artifactId, List<String> versions, Origin origin)
    implements Axis {

  public LibraryAxis {
    Objects.requireNonNull(origin, "origin");
    Axis.checkName(name, origin);
    if (groupId == null || groupId.isBlank() || artifactId == null || artifactId.isBlank()) {
      throw new MatrixDefinitionException(origin, "the artifact must be 'groupId:artifactId'");
    }
    versions = Axis.checkLabels(versions, name, origin);
  }

  /**
   * Parses {@code groupId:artifactId}.
   *
   * @throws MatrixDefinitionException naming the origin where the coordinates are malformed
   */
  public static LibraryAxis of(
      String coordinates, String name, List<String> versions, Origin origin) {
    String[] parts = coordinates == null ? new String[0] : coordinates.trim().split(":", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new MatrixDefinitionException(
          origin,
          "artifact '"
              + coordinates
              + "' is not 'groupId:artifactId'; write it like"
              + " 'com.fasterxml.jackson.core:jackson-databind' and put versions in 'versions'");
    }
    String axisName = name == null || name.isBlank() ? parts[1] : name;
    return new LibraryAxis(axisName, parts[0], parts[1], versions, origin);
  }

  /** {@code groupId:artifactId}. */
  public String coordinates() {
    return groupId + ":" + artifactId;
  }

  @Override
  public List<String> labels() {
    return versions;
  }
}
