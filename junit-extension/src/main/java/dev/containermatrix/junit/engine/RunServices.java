package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.RuntimeSelection;
import dev.containermatrix.backend.docker.DockerRuntime;
import dev.containermatrix.backend.image.ImageImport;
import dev.containermatrix.backend.image.ImageReaders;
import dev.containermatrix.backend.image.ImageReferences;
import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.engine.archive.ArchiveMode;
import dev.containermatrix.engine.archive.ReplaySource;
import dev.containermatrix.engine.launch.ClassDataTraining;
import dev.containermatrix.engine.launch.ContainerSpecFactory;
import dev.containermatrix.engine.launch.LaunchPlanner;
import dev.containermatrix.engine.plan.LayerStacks;
import dev.containermatrix.engine.plan.PlanSource;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.junit.agent.AgentMain;
import dev.containermatrix.junit.agent.TrainingMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one run uses, shared by all its variants: its settings, the chosen backend (or why there is
 * none), the layer store with the base images read into it, class-data training, admission, the
 * channel threads and the run directory. Closed when the run ends. What the run produces is its
 * {@link RunOutcome}.
 */
final class RunServices implements AutoCloseable {
  private final EngineSettings settings;
  private final @Nullable RuntimeSelection selection;
  private final @Nullable ContainerException selectionError;
  private final RunDirectory runDirectory;
  private final Optional<ReplaySource> replay;
  private final Supplier<PlanSource> plans;
  private final HostAdmission admission;
  private final ExecutorService channelThreads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "containermatrix-channel");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, List<PlannedLayer>> baseImages = new ConcurrentHashMap<>();
  private @Nullable LayerStore layerStore;
  private @Nullable ClassDataTraining classData;
  private @Nullable LaunchPlanner launchPlanner;

  RunServices(
      EngineSettings settings,
      @Nullable RuntimeSelection selection,
      @Nullable ContainerException selectionError,
      RunDirectory runDirectory,
      Optional<ReplaySource> replay,
      Supplier<PlanSource> plans) {
    this.settings = settings;
    this.selection = selection;
    this.selectionError = selectionError;
    this.runDirectory = runDirectory;
    this.replay = replay;
    this.plans = plans;
    dev.containermatrix.engine.report.HostInfo host =
        dev.containermatrix.engine.report.HostInfo.read(java.nio.file.Path.of("/proc"));
    this.admission =
        new HostAdmission(
            settings.store(),
            settings.parallelism(),
            dev.containermatrix.engine.schedule.HostCapacity.forVariants(
                host.cpus(), host.memoryBytes(), Runtime.getRuntime().maxMemory()));
  }

  EngineSettings settings() {
    return settings;
  }

  /**
   * This run's and the host's admission of variants ({@code containermatrix.parallelism}, and the
   * variants' CPU and memory limits against the host's capacity).
   */
  HostAdmission admission() {
    return admission;
  }

  ExecutorService channelThreads() {
    return channelThreads;
  }

  RunDirectory runDirectory() {
    return runDirectory;
  }

  /** The archived run this run replays, if it is a replay. */
  Optional<ReplaySource> replay() {
    return replay;
  }

  /**
   * The layer stacks of one class's variants, from where their plans came from (see {@link
   * PlanSource#stacks}).
   */
  LayerStacks stacks(List<VariantPlan> classPlans) {
    return plans.get().stacks(classPlans, layerStore(), this::baseLayers);
  }

  /** Makes each variant's launch plan for the chosen backend. */
  synchronized LaunchPlanner launchPlanner() {
    if (launchPlanner == null) {
      launchPlanner =
          new LaunchPlanner(
              new ContainerSpecFactory(
                  settings.baseDirectory(), runDirectory.path(), AgentMain.class.getName()),
              settings.classData() ? Optional.of(this::classData) : Optional.empty());
    }
    return launchPlanner;
  }

  /** The backend chosen by {@code containermatrix.backend}, or why there is none. */
  ContainerRuntime runtime() throws ContainerException {
    if (selection == null) {
      throw selectionError != null
          ? selectionError
          : new ContainerException("no container backend was chosen");
    }
    return selection.runtime();
  }

  /** Whether variants need layer stacks: to run on them, or to archive them. */
  boolean needsLayers() {
    return selection != null
        && (selection.runtime().usesLayers()
            || settings.archive() != ArchiveMode.OFF
            || replay.isPresent());
  }

  /** The layer store at {@code containermatrix.store}, opened on first use. */
  synchronized LayerStore layerStore() {
    if (layerStore == null) {
      try {
        layerStore = LayerStore.open(settings.store());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not open the layer store at "
                + settings.store()
                + ": "
                + e.getMessage()
                + "; check that it is writable, or set containermatrix.store to another directory",
            e);
      }
    }
    return layerStore;
  }

  /**
   * The layers of base image {@code reference} in the store, bottom first, read once per run (its
   * relative paths resolve against the module directory).
   *
   * @throws UncheckedIOException naming the image when it cannot be read or stored
   */
  List<PlannedLayer> baseLayers(String reference) {
    return baseImages.computeIfAbsent(
        reference,
        ref -> {
          try {
            var image =
                ImageReaders.of(
                        ImageReferences.parse(ref, settings.baseDirectory()),
                        Files.createDirectories(runDirectory.path().resolve("images")))
                    .read();
            return ImageImport.intoStore(image, layerStore()).stream()
                .map(l -> PlannedLayer.of(LayerRole.BASE, l))
                .toList();
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Could not read base image "
                    + ref
                    + " into the layer store at "
                    + settings.store()
                    + ": "
                    + e.getMessage(),
                e);
          }
        });
  }

  /**
   * Class-data archives for this run's variants, trained through the chosen backend on first use.
   */
  synchronized ClassDataTraining classData() throws ContainerException {
    if (classData == null) {
      classData =
          new ClassDataTraining(
              layerStore(),
              runtime(),
              runDirectory.path(),
              settings.baseDirectory(),
              settings.reportDirectory(),
              TrainingMain.class.getName());
    }
    return classData;
  }

  /**
   * Removes layers no run has used for {@code containermatrix.store.unusedDays}, if this run used
   * the store at all, and returns them; none if it did not or could not (a failure to remove never
   * fails the run). On the docker backend the engine's layer images follow: those that lost a layer
   * here go too ({@link DockerRuntime#retainImages}, which never throws).
   */
  synchronized List<StoredLayer> retainLayers() {
    if (layerStore == null) {
      return List.of();
    }
    Duration unusedFor = Duration.ofDays(settings.storeUnusedDays());
    List<StoredLayer> removed;
    try {
      removed = layerStore.retain(unusedFor);
    } catch (IOException e) {
      removed = List.of();
    }
    if (selection != null && selection.runtime() instanceof DockerRuntime docker) {
      docker.retainImages(unusedFor);
    }
    return removed;
  }

  @Override
  public void close() {
    channelThreads.shutdownNow();
    try {
      if (selection != null) {
        if (selection.runtime() instanceof DockerRuntime docker && docker.bytesSent() > 0) {
          System.err.println(
              "containermatrix: the docker backend sent "
                  + docker.bytesSent()
                  + " bytes of layers to the engine at "
                  + settings.dockerHost()
                  + " (layers the engine had already were not sent)");
        }
        selection.runtime().close();
      }
    } finally {
      runDirectory.close();
    }
  }
}
