package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.JdkImage;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.resolve.ClasspathComposer;
import dev.containermatrix.engine.resolve.ComposedClasspath;
import dev.containermatrix.engine.resolve.ImageJdks;
import dev.containermatrix.engine.resolve.Jdk;
import dev.containermatrix.engine.resolve.JdkLocator;
import dev.containermatrix.engine.resolve.JdkNotFoundException;
import dev.containermatrix.engine.resolve.LibraryResolutionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Makes a variant concrete for this host: finds its JDK (on the host, or inside the image a JDK
 * image value names, which then is the variant's base), composes its classpath from the host's test
 * classpath and its library axes, and finds its config files. A JDK, artifact or file that cannot
 * be found is a matrix error naming the axis where it was declared.
 */
@API(status = INTERNAL, since = "0.1")
public final class VariantPlanner implements PlanSource {
  private final List<Path> hostClasspath;
  private final Path baseDirectory;
  private final ClassLoader resources;
  private final ClasspathComposer composer;
  private final JdkLocator jdks;
  private final ImageJdks imageJdks;
  private final Path scratch;

  /**
   * @param hostClasspath the test classpath variants start from
   * @param baseDirectory the module's base directory; relative file sources resolve against it
   * @param resources loads test-classpath resources (config file sources)
   * @param scratch where config files that live inside jars are copied out to
   */
  public VariantPlanner(
      List<Path> hostClasspath,
      Path baseDirectory,
      ClassLoader resources,
      ClasspathComposer composer,
      JdkLocator jdks,
      Path scratch) {
    this.hostClasspath = List.copyOf(hostClasspath);
    this.baseDirectory = baseDirectory;
    this.resources = resources;
    this.composer = composer;
    this.jdks = jdks;
    this.imageJdks = new ImageJdks(baseDirectory, scratch.resolve("jdk-images"));
    this.scratch = scratch;
  }

  /** Today's matrix: every variant it expands to. */
  @Override
  public List<VariantDefinition> variants(
      String testClass, MatrixDefinition matrix, List<VariantDefinition> expanded) {
    return expanded;
  }

  /** The stacks {@link LayerPlanner} builds for the class, each on its base image's layers. */
  @Override
  public LayerStacks stacks(List<VariantPlan> plans, LayerStore store, BaseLayers bases) {
    Map<String, List<PlannedLayer>> planned = new LayerPlanner(store).plan(plans);
    return plan -> {
      List<PlannedLayer> stack = new ArrayList<>();
      if (!plan.onHostBase()) {
        stack.addAll(bases.of(plan.base()));
      }
      stack.addAll(planned.getOrDefault(plan.variant().id(), List.of()));
      return List.copyOf(stack);
    };
  }

  /**
   * @throws MatrixDefinitionException if the JDK, an artifact or a config file cannot be found
   */
  @Override
  public VariantPlan plan(String testClass, VariantDefinition variant) {
    Optional<JdkImage> jdkImage =
        variant.jdk().flatMap(value -> JdkImage.of(value, jdkOrigin(variant)));
    jdkImage.ifPresent(image -> requireHostBase(variant, image));
    Jdk jdk = jdk(variant, jdkImage);
    ComposedClasspath classpath;
    try {
      classpath = composer.compose(hostClasspath, variant.libraries());
    } catch (LibraryResolutionException e) {
      throw new MatrixDefinitionException(libraryOrigin(variant, e), e.getMessage(), e);
    }
    List<VariantPlan.PlannedFile> files = new ArrayList<>();
    for (ConfigFile file : variant.files()) {
      files.add(new VariantPlan.PlannedFile(source(file), file.target()));
    }
    VariantPlan plan =
        VariantPlan.of(
            testClass,
            variant,
            jdk.home(),
            jdk.feature(),
            classpath.entries(),
            classpath.replaced(),
            files);
    return jdkImage.map(image -> plan.withBase(image.image())).orElse(plan);
  }

  private Jdk jdk(VariantDefinition variant, Optional<JdkImage> image) {
    String wanted = variant.jdk().orElse(null);
    try {
      if (image.isPresent()) {
        return imageJdks.locate(image.get());
      }
      return jdks.locate(wanted == null ? System.getProperty("java.home") : wanted);
    } catch (JdkNotFoundException e) {
      throw new MatrixDefinitionException(jdkOrigin(variant), e.getMessage(), e);
    }
  }

  /** A JDK image is the variant's base, so the variant may have no other base than the host. */
  private static void requireHostBase(VariantDefinition variant, JdkImage image) {
    if (VariantPlan.HOST_BASE.equals(variant.base())) {
      return;
    }
    throw new MatrixDefinitionException(
        jdkOrigin(variant),
        "variant "
            + variant.displayName()
            + " has JDK image "
            + image.value()
            + " and base "
            + variant.base()
            + ", but a JDK image is the variant's base: drop the base (or use base 'host') for"
            + " this JDK, or exclude the combination, or name a host JDK instead of the image");
  }

  private static Origin jdkOrigin(VariantDefinition variant) {
    return variant
        .matrix()
        .axis(Axis.Jdk.NAME)
        .map(Axis::origin)
        .orElse(new Origin(variant.matrix().source()));
  }

  private static Origin libraryOrigin(VariantDefinition variant, LibraryResolutionException e) {
    for (Axis axis : variant.matrix().axes()) {
      if (axis instanceof Axis.Library lib
          && e.getMessage() != null
          && e.getMessage().contains(lib.coordinates())) {
        return lib.origin();
      }
    }
    return new Origin(variant.matrix().source());
  }

  private Path source(ConfigFile file) {
    String name = file.source().startsWith("/") ? file.source().substring(1) : file.source();
    URL url = resources.getResource(name);
    if (url != null) {
      return fromUrl(url, file);
    }
    Path onDisk = baseDirectory.resolve(file.source()).normalize();
    if (Files.isRegularFile(onDisk)) {
      return onDisk;
    }
    throw new MatrixDefinitionException(
        file.origin(),
        "config file source '"
            + file.source()
            + "' is neither a resource on the test classpath nor a file at "
            + onDisk
            + "; put it under src/test/resources/"
            + name
            + " or give a path relative to "
            + baseDirectory);
  }

  private Path fromUrl(URL url, ConfigFile file) {
    try {
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      Files.createDirectories(scratch);
      Path copy =
          scratch.resolve(
              Integer.toHexString(url.toString().hashCode())
                  + "-"
                  + Path.of(file.source()).getFileName());
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not copy config file " + url + " to " + scratch + ": " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new MatrixDefinitionException(
          file.origin(), "config file URL " + url + " is malformed", e);
    }
  }
}
