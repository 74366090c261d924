package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.engine.plan.ClassDataArchives;
import dev.containermatrix.engine.plan.ClassDataDecision;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipFile;
import org.apiguardian.api.API;

/**
 * Gets each variant the class-data archive it starts from: found in the store, or trained once per
 * key and run (the first variant that needs it trains, the others wait for the same future; another
 * JVM waits on the store's lock and then finds it). Training is a container over the same layers a
 * variant has below its own (base, JDK, shared jars), since the archive records the jars' paths,
 * sizes and times as the container sees them, running the agent's training main with the variants'
 * JVM options plus the dump option, into a host directory bound read-write. Any failure leaves the
 * variant without an archive, with the reason; it never fails the variant.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClassDataTraining {

  private static final String JUPITER_ENGINE_CLASS_FILE =
      "org/junit/jupiter/engine/JupiterTestEngine.class";
  private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What a variant starts from.
   *
   * @param layer the archive's layer, to stack right above the shared jars; empty when none
   * @param use the archive's kind, key and training classpath; empty when none
   * @param description for the variant's report entry, e.g. {@code AOT cache sha256:… (reused)}
   */
  public record Outcome(
      Optional<PlannedLayer> layer, Optional<ClassDataDecision.Use> use, String description) {
    static Outcome none(String reason) {
      return new Outcome(Optional.empty(), Optional.empty(), "none: " + reason);
    }
  }

  private final ClassDataArchives archives;
  private final ContainerRuntime runtime;
  private final Path runDirectory;
  private final Path baseDirectory;
  private final Path reportDirectory;
  private final String trainingMain;
  private final Map<String, CompletableFuture<PlannedLayer>> trainings = new ConcurrentHashMap<>();

  /**
   * @param baseDirectory the module directory: the training container's working directory
   * @param reportDirectory where the training's output goes ({@code class-data/<key>})
   * @param trainingMain the main class that trains, in the agent jar every variant shares
   */
  public ClassDataTraining(
      LayerStore store,
      ContainerRuntime runtime,
      Path runDirectory,
      Path baseDirectory,
      Path reportDirectory,
      String trainingMain) {
    this.archives = new ClassDataArchives(store);
    this.runtime = runtime;
    this.runDirectory = runDirectory;
    this.baseDirectory = baseDirectory;
    this.reportDirectory = reportDirectory;
    this.trainingMain = trainingMain;
  }

  /**
   * The archive {@code plan} starts from, trained now if no run has yet.
   *
   * @param stack the variant's layers, bottom first
   * @param jvmOptions the variant's JVM options without its system properties
   */
  public Outcome archiveFor(VariantPlan plan, List<PlannedLayer> stack, List<String> jvmOptions) {
    ClassDataDecision decision = ClassDataArchives.decide(plan, stack, jvmOptions);
    if (decision instanceof ClassDataDecision.Skip skip) {
      return Outcome.none(skip.reason());
    }
    ClassDataDecision.Use use = (ClassDataDecision.Use) decision;
    Optional<String> missing = missingFromSharedJars(use.trainingClasspath());
    if (missing.isPresent()) {
      return Outcome.none(missing.get());
    }
    CompletableFuture<PlannedLayer> mine = new CompletableFuture<>();
    CompletableFuture<PlannedLayer> training = trainings.putIfAbsent(use.key(), mine);
    if (training == null) {
      training = mine;
      try {
        mine.complete(obtain(plan, use));
      } catch (Exception e) {
        mine.completeExceptionally(e);
      }
    }
    try {
      PlannedLayer layer = training.join();
      return new Outcome(
          Optional.of(layer),
          Optional.of(use),
          use.kind().description()
              + " "
              + layer.digest()
              + (layer.built() ? " (built this run)" : " (reused)"));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return Outcome.none(
          "training the " + use.kind().description() + " failed: " + cause.getMessage());
    }
  }

  /**
   * Why the agent cannot be archived: its classes or Jupiter's engine are in no shared jar (a
   * directory, say).
   */
  private Optional<String> missingFromSharedJars(List<Path> sharedJars) {
    boolean agent = false;
    boolean jupiter = false;
    for (Path jar : sharedJars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        agent |= zip.getEntry(trainingMain.replace('.', '/') + ".class") != null;
        jupiter |= zip.getEntry(JUPITER_ENGINE_CLASS_FILE) != null;
      } catch (IOException e) {
        // not a readable jar: it holds neither
      }
    }
    if (!agent) {
      return Optional.of(
          "the agent's classes ("
              + trainingMain
              + ") are in no jar every variant shares,"
              + " so there is nothing to train with");
    }
    if (!jupiter) {
      return Optional.of(
          "junit-jupiter-engine is in no jar every variant shares, so there is nothing to train"
              + " with");
    }
    return Optional.empty();
  }

  /** The archive from the store, or trained under the store's lock for its key. */
  private PlannedLayer obtain(VariantPlan plan, ClassDataDecision.Use use) throws Exception {
    Optional<PlannedLayer> known = archives.find(use.key());
    if (known.isPresent()) {
      return known.get();
    }
    try (AutoCloseable lock = archives.lock(use.key())) {
      known = archives.find(use.key());
      if (known.isPresent()) {
        return known.get();
      }
      return train(plan, use);
    }
  }

  private PlannedLayer train(VariantPlan plan, ClassDataDecision.Use use)
      throws IOException, ContainerException, InterruptedException {
    String id = "class-data-" + use.key().substring(0, 12);
    Path scratch = Files.createDirectories(runDirectory.resolve(id));
    Path archive = scratch.resolve(use.key() + "." + use.kind().extension());
    List<String> options = new ArrayList<>(use.jvmOptions());
    options.add(use.kind().trainingOption(archive.toString()));
    Path output = reportDirectory.resolve("class-data").resolve(use.key().substring(0, 12));
    ContainerSpec spec =
        new ContainerSpec(
            id,
            runtime.hasOwnHostname() ? "class-data" : ContainerSpec.HOST,
            plan.base(),
            use.trainingLayers().stream().map(l -> ContainerSpecFactory.layer(l)).toList(),
            new JvmCommand(
                plan.jdkHome(),
                use.trainingClasspath(),
                options,
                trainingMain,
                List.of(),
                plan.jdkInBase()),
            Map.of(),
            baseDirectory,
            ResourceLimits.none(),
            List.of(),
            runDirectory.resolve(id + ".sock"),
            output,
            TRAINING_TIMEOUT,
            List.of(scratch));
    List<String> unsupported = runtime.unsupported(spec);
    if (!unsupported.isEmpty()) {
      throw new ContainerException(String.join("; ", unsupported));
    }
    ExitStatus exit;
    try (ContainerHandle handle = runtime.launch(spec)) {
      exit = handle.awaitExit();
    }
    if (!exit.isSuccess() || !Files.isRegularFile(archive)) {
      throw new IOException(
          "its container "
              + exit.description()
              + (Files.isRegularFile(archive) ? "" : " without writing " + archive.getFileName())
              + "; its output is in "
              + output);
    }
    try {
      return archives.put(use, archive);
    } finally {
      Files.deleteIfExists(archive);
    }
  }
}
