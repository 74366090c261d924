package dev.containermatrix.backend.testmains;

import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.Layer;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Specs that run one of these test mains as a plain host JVM, with the test's own JDK and classes.
 */
public final class TestSpecs {

  private TestSpecs() {}

  /** The directory or jar this class was loaded from. */
  public static Path codeSourceOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A host spec in {@code scratch} (working dir {@code scratch/work}, output {@code
   * scratch/out-<id>}), timeout 1 minute.
   */
  public static ContainerSpec hostSpec(Path scratch, String id, Class<?> main, List<String> args) {
    return hostSpec(
        scratch,
        id,
        Path.of(System.getProperty("java.home")),
        List.of(codeSourceOf(main)),
        main,
        args);
  }

  /**
   * A spec in {@code scratch} that runs {@code main} on the image {@code baseImage}, whose layers
   * in the store are {@code layers} (bottom first), with the JVM of {@code javaHome}, a JDK the
   * image's root can run, and the hostname {@code hostname}.
   */
  public static ContainerSpec imageSpec(
      Path scratch,
      String id,
      Class<?> main,
      String baseImage,
      List<StoredLayer> layers,
      Path javaHome,
      String hostname) {
    ContainerSpec base = hostSpec(scratch, id, main, List.of());
    return base.withBaseImage(baseImage)
        .withHostname(hostname)
        .withLayers(layers.stream().map(l -> new Layer(l.directory(), Layer.BASE)).toList())
        .withCommand(
            new JvmCommand(
                javaHome,
                base.command().classpath(),
                List.of("-Xshare:auto"),
                base.command().mainClass(),
                List.of()));
  }

  public static ContainerSpec hostSpec(
      Path scratch,
      String id,
      Path javaHome,
      List<Path> classpath,
      Class<?> main,
      List<String> args) {
    Path work = scratch.resolve("work");
    work.toFile().mkdirs();
    return new ContainerSpec(
        id,
        ContainerSpec.HOST,
        ContainerSpec.HOST,
        List.of(),
        new JvmCommand(
            javaHome,
            classpath,
            List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"),
            main.getName(),
            args),
        Map.of(),
        work,
        ResourceLimits.none(),
        List.of(),
        scratch.resolve("channel.sock"),
        scratch.resolve("out-" + id),
        Duration.ofMinutes(1));
  }
}
