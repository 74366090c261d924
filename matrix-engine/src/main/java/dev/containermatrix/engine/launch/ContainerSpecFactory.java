package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.Layer;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantEnvironment;
import dev.containermatrix.engine.plan.VariantPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Turns a variant's plan into the backend's launch spec: the agent's JVM command, env, limits,
 * files.
 */
@API(status = INTERNAL, since = "0.1")
public final class ContainerSpecFactory {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private final Path baseDirectory;
  private final Path runDirectory;
  private final String agentMain;

  /**
   * @param baseDirectory the module directory: the variant's working directory
   * @param runDirectory the run's directory, where the channel sockets go
   * @param agentMain the agent's main class, in the agent jar on every variant's classpath
   */
  public ContainerSpecFactory(Path baseDirectory, Path runDirectory, String agentMain) {
    this.baseDirectory = baseDirectory;
    this.runDirectory = runDirectory;
    this.agentMain = agentMain;
  }

  /**
   * @param length a class's short run or a suite's long one, for the JVM's flags
   * @param ownHostname whether the backend gives containers a hostname of their own; then it is the
   *     variant id, else the host's
   * @param layers the variant's layer stack, bottom first, holding its classpath at host paths
   * @param outputDirectory where the variant's stdout and stderr go
   */
  public ContainerSpec create(
      VariantPlan plan,
      List<String> agentSelectors,
      RunLength length,
      boolean ownHostname,
      List<PlannedLayer> layers,
      Path outputDirectory) {
    VariantDefinition variant = plan.variant();
    List<String> jvmOptions = new ArrayList<>();
    if (plan.replayOf().isPresent() && !plan.archivedJvmOptions().isEmpty()) {
      jvmOptions.addAll(plan.archivedJvmOptions());
    } else {
      jvmOptions.addAll(ShortRunFlags.forRun(plan.env(), length));
      plan.systemProperties().forEach((k, v) -> jvmOptions.add("-D" + k + "=" + v));
    }
    Map<String, String> env = new LinkedHashMap<>(plan.env());
    env.putAll(
        new VariantEnvironment(variant.id(), variant.displayName(), variant.values())
            .toEnvironment());
    String containerId = variant.id() + "-" + SEQUENCE.incrementAndGet();
    return new ContainerSpec(
        containerId,
        ownHostname ? variant.id() : ContainerSpec.HOST,
        plan.base(),
        layers.stream().map(ContainerSpecFactory::layer).toList(),
        new JvmCommand(
            plan.jdkHome(),
            plan.classpath(),
            jvmOptions,
            agentMain,
            agentSelectors,
            plan.jdkInBase()),
        env,
        baseDirectory,
        plan.limits(),
        files(plan, layers),
        runDirectory.resolve(containerId + ".sock"),
        outputDirectory,
        variant.matrix().strategy().timeout());
  }

  /**
   * Config files: in the config layer when the backend uses layers, else placed by the backend
   * itself.
   */
  private static List<FileMount> files(VariantPlan plan, List<PlannedLayer> layers) {
    if (layers.stream().anyMatch(l -> l.role() == LayerRole.CONFIG)) {
      return List.of();
    }
    return plan.files().stream().map(f -> new FileMount(f.source(), f.target())).toList();
  }

  /** A planned layer as the backend sees it: its directory and the backend's role for it. */
  static Layer layer(PlannedLayer layer) {
    return new Layer(layer.directory(), role(layer));
  }

  private static String role(PlannedLayer layer) {
    return switch (layer.role()) {
      case BASE -> Layer.BASE;
      case JDK -> Layer.JDK;
      case CONFIG -> Layer.CONFIG;
      case SHARED_JARS, CLASS_DATA, VARIANT_JARS, CLASSES, EXPORT_BASE -> Layer.CLASSPATH;
    };
  }
}
