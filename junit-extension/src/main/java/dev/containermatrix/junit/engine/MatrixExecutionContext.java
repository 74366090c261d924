package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.ContainerRuntimes;
import dev.containermatrix.backend.RuntimeSelection;
import dev.containermatrix.backend.image.ImageImport;
import dev.containermatrix.backend.image.ImageReaders;
import dev.containermatrix.backend.image.ImageReferences;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.archive.RunArchive;
import dev.containermatrix.engine.archive.ArchiveMode;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.junit.archive.ArchiveCandidate;
import dev.containermatrix.junit.archive.ArchivedRunSummary;
import dev.containermatrix.junit.archive.ReplaySource;
import dev.containermatrix.junit.archive.RunArchiver;
import java.util.List;
import dev.containermatrix.engine.report.RunReport;
import dev.containermatrix.engine.report.RunReportWriter;
import dev.containermatrix.engine.report.VariantLogs;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** Everything one run of the engine shares: settings, the chosen backend, admission, the report. */
final class MatrixExecutionContext implements EngineExecutionContext, AutoCloseable {
  private final EngineExecutionListener listener;
  private final EngineSettings settings;
  private final @Nullable RuntimeSelection selection;
  private final @Nullable ContainerException selectionError;
  private final RunReport report;
  private final VariantLogs variantLogs;
  private final HostAdmission admission;
  private final Map<UniqueId, ClassRunState> classes = new ConcurrentHashMap<>();
  private final ExecutorService channelThreads =
      Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "containermatrix-channel");
        t.setDaemon(true);
        return t;
      });
  private final RunDirectory runDirectory;
  private @Nullable LayerStore layerStore;
  private final Map<String, List<PlannedLayer>> baseImages = new ConcurrentHashMap<>();
  private final Optional<ReplaySource> replay;
  private final List<ArchiveCandidate> archiveCandidates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private @Nullable ClassDataTraining classData;

  MatrixExecutionContext(
      EngineExecutionListener listener,
      EngineSettings settings,
      @Nullable RuntimeSelection selection,
      @Nullable ContainerException selectionError,
      RunReport report,
      RunDirectory runDirectory,
      Optional<ReplaySource> replay) {
    this.listener = listener;
    this.settings = settings;
    this.selection = selection;
    this.selectionError = selectionError;
    this.report = report;
    this.variantLogs = new RunReportWriter().variantLogs(report, settings.reportDirectory());
    this.runDirectory = runDirectory;
    this.replay = replay;
    this.admission = new HostAdmission(settings.store(), settings.parallelism());
  }

  EngineExecutionListener listener() {
    return listener;
  }

  EngineSettings settings() {
    return settings;
  }

  RunReport report() {
    return report;
  }

  /** Where this run's variants write their logs ({@code variants/<runId>/…} in the report directory). */
  VariantLogs variantLogs() {
    return variantLogs;
  }

  /** This run's and the host's admission of variants ({@code containermatrix.parallelism}). */
  HostAdmission admission() {
    return admission;
  }

  ExecutorService channelThreads() {
    return channelThreads;
  }

  RunDirectory runDirectory() {
    return runDirectory;
  }

  /** Whether the chosen backend builds containers from layers, so the engine should plan them. */
  boolean runtimeUsesLayers() {
    return selection != null && selection.runtime().usesLayers();
  }

  /** Whether variants need layer stacks: to run on them, or to archive them. */
  boolean needsLayers() {
    return selection != null && (runtimeUsesLayers() || settings.archive() != ArchiveMode.OFF || replay.isPresent());
  }

  /** The archived run this run replays, if it is a replay. */
  Optional<ReplaySource> replay() {
    return replay;
  }

  /** A variant that was launched, to archive at the end of the run. */
  void archiveCandidate(ArchiveCandidate candidate) {
    archiveCandidates.add(candidate);
  }

  /**
   * Archives the run as {@code containermatrix.archive} says, and records where (or why not) in the
   * report.
   *
   * @return the failure, if archiving failed: the caller reports it after writing report.json
   */
  Optional<RuntimeException> archiveRun() {
    List<ArchiveCandidate> candidates;
    synchronized (archiveCandidates) {
      candidates = List.copyOf(archiveCandidates);
    }
    boolean allPassed = report.variants().stream().allMatch(v -> v.status() == VariantStatus.PASSED);
    if (candidates.isEmpty() || !settings.archive().archives(allPassed)) {
      return Optional.empty();
    }
    try {
      RunArchive archive = RunArchive.open(settings.archiveDirectory());
      ArchivedRunSummary summary = new RunArchiver(archive, layerStore()).archive(report, candidates,
          settings.baseDirectory(), replay.map(ReplaySource::describe),
          settings.archiveBounds().policy(report.runId()));
      System.err.println(settings.archiveBounds().consoleLine(summary.directory(), summary.runsHeld(),
          summary.bytesHeld(), summary.removedRuns()));
      report.archived(new RunReport.ArchiveEntry(summary.directory().toString(), summary.recordDigest(),
          summary.refsByVariant(), summary.removedRuns() == 0 ? null
              : "retention removed " + summary.removedRuns() + " older run(s)"));
      return Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      String message = "Could not archive run " + report.runId() + " into " + settings.archiveDirectory() + ": "
          + e.getMessage() + "; the test results stand (report.json), but this run cannot be replayed. Check that"
          + " the directory is writable and has space, set containermatrix.archive.dir elsewhere, or set"
          + " containermatrix.archive=off";
      report.archived(new RunReport.ArchiveEntry(null, null, Map.of(), message));
      return Optional.of(new IllegalStateException(message, e));
    }
  }

  /** The layer store at {@code containermatrix.store}, opened on first use. */
  synchronized LayerStore layerStore() {
    if (layerStore == null) {
      try {
        layerStore = LayerStore.open(settings.store());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Could not open the layer store at " + settings.store() + ": "
            + e.getMessage() + "; check that it is writable, or set containermatrix.store to another directory", e);
      }
    }
    return layerStore;
  }

  /**
   * The layers of base image {@code reference} in the store, bottom first, read once per run (its
   * relative paths resolve against the module directory).
   *
   * @throws java.io.UncheckedIOException naming the image when it cannot be read or stored
   */
  List<PlannedLayer> baseLayers(String reference) {
    return baseImages.computeIfAbsent(reference, ref -> {
      try {
        var image = ImageReaders.of(ImageReferences.parse(ref, settings.baseDirectory()),
            java.nio.file.Files.createDirectories(runDirectory.path().resolve("images"))).read();
        return ImageImport.intoStore(image, layerStore()).stream()
            .map(l -> new PlannedLayer(LayerRole.BASE, l.digest().toString(), l.directory(), l.sizeBytes(), l.built()))
            .toList();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Could not read base image " + ref + " into the layer store at "
            + settings.store() + ": " + e.getMessage(), e);
      }
    });
  }

  /** Class-data archives for this run's variants, trained through the chosen backend on first use. */
  synchronized ClassDataTraining classData() throws ContainerException {
    if (classData == null) {
      classData = new ClassDataTraining(layerStore(), runtime(), runDirectory.path(), settings);
    }
    return classData;
  }

  /** The backend chosen by {@code containermatrix.backend}, or why there is none. */
  ContainerRuntime runtime() throws ContainerException {
    if (selection == null) {
      throw selectionError != null ? selectionError : new ContainerException("no container backend was chosen");
    }
    return selection.runtime();
  }

  void register(UniqueId classId, ClassRunState state) {
    classes.put(classId, state);
  }

  ClassRunState classState(UniqueId classId) {
    return Optional.ofNullable(classes.get(classId))
        .orElseThrow(() -> new IllegalStateException("no run state for " + classId));
  }

  /** Reports a variant that never started because it was skipped (failFast). */
  void recordSkipped(VariantDescriptor variant, String reason) {
    report.add(VariantExecution.report(variant.plan(), List.of(), VariantStatus.ABORTED, Optional.of(reason),
        new VariantReport.TestCounts(0, 0, 0), 0, List.of()));
  }

  /**
   * Removes layers no run has used for {@code containermatrix.store.unusedDays}, if this run used the
   * store at all; a failure to collect never fails the run.
   */
  synchronized void collectUnusedLayers() {
    if (layerStore == null) {
      return;
    }
    try {
      var removed = layerStore.gc(java.time.Duration.ofDays(settings.storeUnusedDays()));
      if (!removed.isEmpty()) {
        long bytes = removed.stream().mapToLong(dev.containermatrix.backend.layers.StoredLayer::sizeBytes).sum();
        report.collected(removed.size(), bytes);
      }
    } catch (java.io.IOException e) {
      report.collected(0, 0);
    }
  }

  @Override
  public void close() {
    channelThreads.shutdownNow();
    try {
      if (selection != null) {
        selection.runtime().close();
      }
    } finally {
      runDirectory.close();
    }
  }
}
