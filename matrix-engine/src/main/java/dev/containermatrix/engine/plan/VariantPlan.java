package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.JdkImage;
import dev.containermatrix.engine.matrix.ResourceProfile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A variant made concrete for this host: which JDK runs it, its classpath, its config files'
 * sources on disk, and what its JVM is started with. Planned from the variant's definition, or, for
 * a replay, from the archived run.
 *
 * @param testClass the matrix class's binary name
 * @param jdkHome the JDK's home directory: on the host, or inside the base image when {@link
 *     #jdkInBase()}
 * @param jdkFeature the JDK's feature version, e.g. 25
 * @param classpath the variant's classpath, in order
 * @param replaced what the library axes changed, e.g. {@code com.x:y 2.23.0 -> 2.21.3}
 * @param files config files: host source and absolute target inside the variant
 * @param env the variant's own environment variables
 * @param systemProperties the variant's system properties
 * @param resources its resource limits, if any
 * @param base its base image reference
 * @param replayOf the archived run this plan comes from, for a replay: {@code <run id>} and the
 *     archive
 * @param archivedJvmOptions for a replay, the JVM options the variant ran with then (flags, system
 *     properties, its class-data archive), used as they are; empty otherwise
 */
@API(status = INTERNAL, since = "0.1")
public record VariantPlan(
    String testClass,
    VariantDefinition variant,
    Path jdkHome,
    int jdkFeature,
    List<Path> classpath,
    List<String> replaced,
    List<PlannedFile> files,
    Map<String, String> env,
    Map<String, String> systemProperties,
    Optional<ResourceProfile> resources,
    String base,
    Optional<String> replayOf,
    List<String> archivedJvmOptions) {

  /** The base of a variant that runs on the host's own file system. */
  public static final String HOST_BASE = "host";

  public VariantPlan {
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(jdkHome, "jdkHome");
    classpath = List.copyOf(classpath);
    replaced = List.copyOf(replaced);
    files = List.copyOf(files);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(replayOf, "replayOf");
    archivedJvmOptions = List.copyOf(archivedJvmOptions);
  }

  /** The plan of a variant as its definition says: its env, properties, limits and base. */
  public static VariantPlan of(
      String testClass,
      VariantDefinition variant,
      Path jdkHome,
      int jdkFeature,
      List<Path> classpath,
      List<String> replaced,
      List<PlannedFile> files) {
    return new VariantPlan(
        testClass,
        variant,
        jdkHome,
        jdkFeature,
        classpath,
        replaced,
        files,
        variant.env(),
        variant.systemProperties(),
        variant.resources(),
        variant.base(),
        Optional.empty(),
        List.of());
  }

  /** The variant's resource limits; none where it has no resources value. */
  public ResourceLimits limits() {
    return resources.map(ResourceProfile::limits).orElse(ResourceLimits.none());
  }

  /** Whether the variant runs on the host's own file system rather than on a base image. */
  public boolean onHostBase() {
    return HOST_BASE.equals(base);
  }

  /**
   * Whether the variant's JDK is inside its base image (a JDK axis value that names an image, see
   * {@link JdkImage}): then {@link #jdkHome()} is a path inside the image, no JDK layer is stacked
   * and nothing of the host's JDK is mounted.
   */
  public boolean jdkInBase() {
    return variant.jdk().filter(JdkImage::isImage).isPresent();
  }

  /** This plan on base image {@code reference}. */
  public VariantPlan withBase(String reference) {
    return new VariantPlan(
        testClass,
        variant,
        jdkHome,
        jdkFeature,
        classpath,
        replaced,
        files,
        env,
        systemProperties,
        resources,
        reference,
        replayOf,
        archivedJvmOptions);
  }

  /** Whether this plan brings back an archived run's variant as it ran then. */
  public boolean isReplay() {
    return replayOf.isPresent();
  }

  /** A config file: where it is on the host, and where the variant sees it. */
  public record PlannedFile(Path source, String target) {
    public PlannedFile {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }
}
