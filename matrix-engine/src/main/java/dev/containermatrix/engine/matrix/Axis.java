package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One dimension of a matrix: {@link Library}, {@link Jdk}, {@link Resource}, {@link Config} or
 * {@link Base}. Its {@link #labels()} are the strings that include/exclude entries, the {@code
 * containermatrix.variants} filter and {@code Variant.value(name)} use. The kinds are nested so
 * that their names do not clash with the annotations that declare them ({@code @LibraryAxis},
 * {@code @JdkAxis}, …), and sealed, so these five are all there are.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface Axis {

  /** The axis name; unique within a matrix. */
  String name();

  /** The value labels in declaration order; never empty, no duplicates. */
  List<String> labels();

  /** Where the axis was declared. */
  Origin origin();

  /**
   * Versions of one Maven artifact. Each variant's classpath is the test classpath with that
   * artifact, and its conflicting transitive dependencies, replaced by the chosen version's.
   *
   * @param groupId the artifact's group
   * @param artifactId the artifact's id; the default axis name
   * @param versions the versions, never empty
   */
  record Library(
      String name, String groupId, String artifactId, List<String> versions, Origin origin)
      implements Axis {

    public Library {
      Objects.requireNonNull(origin, "origin");
      checkName(name, origin);
      if (groupId == null || groupId.isBlank() || artifactId == null || artifactId.isBlank()) {
        throw new MatrixDefinitionException(origin, "the artifact must be 'groupId:artifactId'");
      }
      versions = checkLabels(versions, name, origin);
    }

    /**
     * Parses {@code groupId:artifactId}.
     *
     * @throws MatrixDefinitionException naming the origin where the coordinates are malformed
     */
    public static Library of(
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
      return new Library(axisName, parts[0], parts[1], versions, origin);
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

  /**
   * JDKs to run on, each a feature version ({@code "17"}), a path to a JDK home on the host, or an
   * image whose JDK the variant runs on ({@link JdkImage}). Named {@code jdk}.
   */
  record Jdk(List<String> versions, Origin origin) implements Axis {

    public static final String NAME = "jdk";

    public Jdk {
      Objects.requireNonNull(origin, "origin");
      versions = checkLabels(versions, NAME, origin);
      versions.forEach(value -> JdkImage.of(value, origin));
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

  /** Named resource-limit profiles. Named {@code resources}. */
  record Resource(List<ResourceProfile> profiles, Origin origin) implements Axis {

    public static final String NAME = "resources";

    public Resource {
      Objects.requireNonNull(origin, "origin");
      profiles = List.copyOf(profiles);
      checkLabels(profiles.stream().map(ResourceProfile::name).toList(), NAME, origin);
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

  /** Named configurations (env, system properties, files); repeatable under different names. */
  record Config(String name, List<ConfigProfile> profiles, Origin origin) implements Axis {

    public Config {
      Objects.requireNonNull(origin, "origin");
      checkName(name, origin);
      profiles = List.copyOf(profiles);
      checkLabels(profiles.stream().map(ConfigProfile::name).toList(), name, origin);
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

  /**
   * Base images (image references such as {@code host} or {@code oci-archive:images/x.tar}). Named
   * {@code base}.
   */
  record Base(List<String> images, Origin origin) implements Axis {

    public static final String NAME = "base";

    public Base {
      Objects.requireNonNull(origin, "origin");
      images = checkLabels(images, NAME, origin);
      for (String image : images) {
        ImageReference.check(image, origin);
      }
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> labels() {
      return images;
    }
  }

  private static void checkName(String name, Origin origin) {
    if (name == null || name.isBlank()) {
      throw new MatrixDefinitionException(origin, "the axis name is blank; give it a name");
    }
    if (!name.matches("[A-Za-z0-9_.\\-]+")) {
      throw new MatrixDefinitionException(
          origin, "axis name '" + name + "' may contain only letters, digits, '_', '.' and '-'");
    }
  }

  /**
   * Checks an axis's value labels: at least one, none blank or twice, none with ',' or '='.
   *
   * @return an unmodifiable copy
   * @throws MatrixDefinitionException naming {@code origin} and the label at fault
   */
  static List<String> checkLabels(List<String> labels, String axis, Origin origin) {
    if (labels.isEmpty()) {
      throw new MatrixDefinitionException(
          origin, "axis '" + axis + "' has no values; give it at least one");
    }
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new MatrixDefinitionException(origin, "axis '" + axis + "' has a blank value");
      }
      if (label.contains(",") || label.contains("=")) {
        throw new MatrixDefinitionException(
            origin, "value '" + label + "' of axis '" + axis + "' must not contain ',' or '='");
      }
      if (!seen.add(label)) {
        throw new MatrixDefinitionException(
            origin, "axis '" + axis + "' lists '" + label + "' twice; list each value once");
      }
    }
    return List.copyOf(labels);
  }
}
