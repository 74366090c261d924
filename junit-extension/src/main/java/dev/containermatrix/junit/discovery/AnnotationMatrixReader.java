package dev.containermatrix.junit.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.ImageReference;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.ResourceProfile;
import dev.containermatrix.engine.matrix.Sizes;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.matrix.ValueSelector;
import dev.containermatrix.engine.yaml.YamlMatrixReader;
import dev.containermatrix.junit.BaseAxis;
import dev.containermatrix.junit.Combinations;
import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxes;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.Exclude;
import dev.containermatrix.junit.Excludes;
import dev.containermatrix.junit.Include;
import dev.containermatrix.junit.Includes;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.LibraryAxes;
import dev.containermatrix.junit.LibraryAxis;
import dev.containermatrix.junit.ResourceAxis;
import dev.containermatrix.junit.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Turns the annotations on a {@code @ContainerMatrix} class, or the YAML file it names, into a
 * {@link MatrixDefinition}. Errors name the annotation and attribute (or file and line).
 */
@API(status = INTERNAL, since = "0.1")
public final class AnnotationMatrixReader {

  private AnnotationMatrixReader() {}

  public static MatrixDefinition read(Class<?> testClass) {
    ContainerMatrix matrix = testClass.getAnnotation(ContainerMatrix.class);
    if (matrix == null) {
      throw new IllegalArgumentException(testClass.getName() + " has no @ContainerMatrix");
    }
    String className = testClass.getName();
    if (!matrix.value().isBlank()) {
      return readYaml(testClass, matrix);
    }
    Origin classOrigin = Origin.annotation("@ContainerMatrix", "value", className);
    List<Axis> axes = new ArrayList<>();
    for (LibraryAxis lib : testClass.getAnnotationsByType(LibraryAxis.class)) {
      Origin origin =
          Origin.annotation(
              "@LibraryAxis(artifact = \"" + lib.artifact() + "\")", "versions", className);
      axes.add(Axis.Library.of(lib.artifact(), lib.name(), List.of(lib.versions()), origin));
    }
    JdkAxis jdk = testClass.getAnnotation(JdkAxis.class);
    if (jdk != null) {
      axes.add(
          new Axis.Jdk(List.of(jdk.value()), Origin.annotation("@JdkAxis", "value", className)));
    }
    ResourceAxis resources = testClass.getAnnotation(ResourceAxis.class);
    if (resources != null) {
      axes.add(resourceAxis(resources, className));
    }
    for (ConfigAxis config : testClass.getAnnotationsByType(ConfigAxis.class)) {
      axes.add(configAxis(config, className));
    }
    BaseAxis base = testClass.getAnnotation(BaseAxis.class);
    if (base != null) {
      axes.add(
          new Axis.Base(List.of(base.value()), Origin.annotation("@BaseAxis", "value", className)));
    }
    List<ValueSelector> excludes = new ArrayList<>();
    for (Exclude exclude : testClass.getAnnotationsByType(Exclude.class)) {
      excludes.add(
          ValueSelector.parse(
              exclude.value(),
              Origin.annotation(
                  "@Exclude(" + Arrays.toString(exclude.value()) + ")", "value", className)));
    }
    List<ValueSelector> includes = new ArrayList<>();
    for (Include include : testClass.getAnnotationsByType(Include.class)) {
      includes.add(
          ValueSelector.parse(
              include.value(),
              Origin.annotation(
                  "@Include(" + Arrays.toString(include.value()) + ")", "value", className)));
    }
    String defaultBase =
        ImageReference.check(
            matrix.base(), Origin.annotation("@ContainerMatrix", "base", className));
    if (axes.isEmpty() && includes.isEmpty()) {
      throw new MatrixDefinitionException(
          classOrigin,
          "the matrix has no axes; add @LibraryAxis, @JdkAxis, @ResourceAxis, @ConfigAxis,"
              + " @BaseAxis or @Include to the class, or name a YAML matrix file in"
              + " @ContainerMatrix(\"...\")");
    }
    return new MatrixDefinition(
        "annotations on " + className,
        defaultBase,
        axes,
        excludes,
        includes,
        strategy(matrix, className));
  }

  private static Strategy strategy(ContainerMatrix matrix, String className) {
    if (matrix.maxParallel() < 0) {
      throw new MatrixDefinitionException(
          Origin.annotation("@ContainerMatrix", "maxParallel", className),
          "maxParallel must be 0 (the scheduler decides) or positive, was " + matrix.maxParallel());
    }
    var timeout =
        Sizes.parseDuration(
            matrix.timeout(), Origin.annotation("@ContainerMatrix", "timeout", className));
    var combinations =
        matrix.combinations() == Combinations.PAIRWISE
            ? Strategy.Combinations.PAIRWISE
            : Strategy.Combinations.ALL;
    List<ValueSelector> allowFailures = new ArrayList<>();
    for (String entry : matrix.allowFailures()) {
      allowFailures.add(
          ValueSelector.parse(
              Arrays.stream(entry.split(",", -1)).map(String::trim).toArray(String[]::new),
              Origin.annotation("@ContainerMatrix", "allowFailures", className)));
    }
    return new Strategy(
        combinations, matrix.failFast(), matrix.maxParallel(), timeout, allowFailures);
  }

  private static Axis.Resource resourceAxis(ResourceAxis axis, String className) {
    List<ResourceProfile> profiles = new ArrayList<>();
    for (Resources r : axis.value()) {
      String where = "@Resources(name = \"" + r.name() + "\")";
      profiles.add(
          ResourceProfile.of(
              r.name(),
              r.cpus().isBlank()
                  ? Optional.empty()
                  : Optional.of(
                      Sizes.parseCpus(r.cpus(), Origin.annotation(where, "cpus", className))),
              r.memory().isBlank()
                  ? OptionalLong.empty()
                  : OptionalLong.of(
                      Sizes.parseBytes(r.memory(), Origin.annotation(where, "memory", className))),
              positiveOrEmpty(r.pids(), where, "pids", className),
              positiveOrEmpty(r.nofile(), where, "nofile", className),
              r.cpuset().isBlank() ? Optional.empty() : Optional.of(r.cpuset()),
              Origin.annotation(where, "name", className)));
    }
    return new Axis.Resource(profiles, Origin.annotation("@ResourceAxis", "value", className));
  }

  private static OptionalLong positiveOrEmpty(
      long value, String where, String attribute, String className) {
    if (value < 0) {
      throw new MatrixDefinitionException(
          Origin.annotation(where, attribute, className),
          attribute + " must be positive, or 0 for no limit; was " + value);
    }
    return value == 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static Axis.Config configAxis(ConfigAxis axis, String className) {
    List<ConfigProfile> profiles = new ArrayList<>();
    for (Config c : axis.value()) {
      String where =
          "@ConfigAxis(name = \"" + axis.name() + "\") @Config(name = \"" + c.name() + "\")";
      List<ConfigFile> files = new ArrayList<>();
      for (String file : c.files()) {
        files.add(ConfigFile.parse(file, Origin.annotation(where, "files", className)));
      }
      profiles.add(
          new ConfigProfile(
              c.name(),
              ConfigProfile.parsePairs(c.env(), Origin.annotation(where, "env", className)),
              ConfigProfile.parsePairs(
                  c.systemProperties(), Origin.annotation(where, "systemProperties", className)),
              files,
              Origin.annotation(where, "name", className)));
    }
    return new Axis.Config(
        axis.name(),
        profiles,
        Origin.annotation("@ConfigAxis(name = \"" + axis.name() + "\")", "value", className));
  }

  private static MatrixDefinition readYaml(Class<?> testClass, ContainerMatrix matrix) {
    String className = testClass.getName();
    String file = matrix.value();
    Origin origin = Origin.annotation("@ContainerMatrix", "value", className);
    List<String> mixed = new ArrayList<>();
    for (Class<? extends Annotation> type :
        List.of(
            LibraryAxis.class,
            LibraryAxes.class,
            JdkAxis.class,
            ResourceAxis.class,
            ConfigAxis.class,
            ConfigAxes.class,
            BaseAxis.class,
            Include.class,
            Includes.class,
            Exclude.class,
            Excludes.class)) {
      if (testClass.isAnnotationPresent(type)) {
        mixed.add("@" + type.getSimpleName());
      }
    }
    if (!mixed.isEmpty()) {
      throw new MatrixDefinitionException(
          origin,
          "the class names the YAML matrix '"
              + file
              + "' and also carries "
              + String.join(", ", mixed)
              + "; declare the matrix in one place: move those into the YAML file or remove the"
              + " file name");
    }
    ContainerMatrix defaults = Defaults.INSTANCE;
    List<String> attributes = new ArrayList<>();
    if (!matrix.base().equals(defaults.base())) attributes.add("base");
    if (matrix.maxParallel() != defaults.maxParallel()) attributes.add("maxParallel");
    if (matrix.failFast() != defaults.failFast()) attributes.add("failFast");
    if (!matrix.timeout().equals(defaults.timeout())) attributes.add("timeout");
    if (matrix.combinations() != defaults.combinations()) attributes.add("combinations");
    if (matrix.allowFailures().length > 0) attributes.add("allowFailures");
    if (!attributes.isEmpty()) {
      throw new MatrixDefinitionException(
          origin,
          "the class names the YAML matrix '"
              + file
              + "' and also sets "
              + attributes
              + " on @ContainerMatrix; set them in the YAML file (base, strategy) instead");
    }
    String resource = file.startsWith("/") ? file.substring(1) : file;
    ClassLoader loader =
        testClass.getClassLoader() != null
            ? testClass.getClassLoader()
            : ClassLoader.getSystemClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MatrixDefinitionException(
            origin,
            "the YAML matrix '"
                + file
                + "' is not on the test classpath; put it under src/test/resources/"
                + resource);
      }
      return new YamlMatrixReader().read(file, in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read the YAML matrix " + file + " named by " + className, e);
    }
  }

  @ContainerMatrix
  private static final class Defaults {
    static final ContainerMatrix INSTANCE = Defaults.class.getAnnotation(ContainerMatrix.class);
  }
}
