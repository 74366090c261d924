package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.archive.ReplayRequest;
import dev.containermatrix.engine.archive.ReplaySource;
import dev.containermatrix.engine.plan.PlanSource;
import dev.containermatrix.engine.report.RunReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The engine's root: for a replay, opens the archived run once and checks every blob of it before
 * anything runs; at the end archives the run, writes its part of the report and merges report.json.
 */
final class MatrixEngineDescriptor extends EngineDescriptor
    implements Node<MatrixExecutionContext> {
  private final EngineSettings settings;
  private final Optional<ReplayRequest> replay;
  private @Nullable ReplaySource opened;
  private @Nullable PlanSource planSource;

  MatrixEngineDescriptor(UniqueId uniqueId, EngineSettings settings) {
    super(uniqueId, "ContainerMatrix");
    this.settings = settings;
    this.replay = settings.replay();
  }

  /** The settings discovery read: the execution uses the same ones. */
  EngineSettings settings() {
    return settings;
  }

  /**
   * Where this run's plans come from, set up on first use: the archived run for a replay (opening
   * it names the archive and run when it fails, and fails each class asking), else a planner of
   * today's matrices on this host.
   */
  synchronized PlanSource planSource() {
    if (planSource == null) {
      planSource = replay.isPresent() ? open(replay.get()) : VariantPlanners.forProject(settings);
    }
    return planSource;
  }

  private ReplaySource open(ReplayRequest request) {
    try {
      opened = ReplaySource.open(request, HostClasspath.read());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return opened;
  }

  /** The replayed run, if discovery opened one. */
  synchronized Optional<ReplaySource> openedReplay() {
    return Optional.ofNullable(opened);
  }

  /**
   * Opens this run's log directory when anything is to run (which deletes the logs of earlier
   * builds, see {@link dev.containermatrix.engine.report.VariantLogs}); for a replay, checks the
   * archived run.
   */
  @Override
  public MatrixExecutionContext before(MatrixExecutionContext context) throws Exception {
    if (!getChildren().isEmpty()) {
      context.outcome().variantLogs().open();
    }
    if (context.services().replay().isPresent() && !getChildren().isEmpty()) {
      context.services().replay().get().verify();
    }
    return context;
  }

  /**
   * Writes the run's part and merges report.json; a failure to do so (an unwritable directory, a
   * part that cannot be read) is the engine's failure, with the archive's failure, if any,
   * attached.
   */
  private static void writeReport(
      MatrixExecutionContext context, Optional<RuntimeException> archiveFailure) {
    try {
      new RunReportWriter()
          .write(context.outcome().report(), context.services().settings().reportDirectory());
    } catch (RuntimeException e) {
      archiveFailure.ifPresent(e::addSuppressed);
      throw e;
    }
  }

  /**
   * Archives the run if a variant was launched, then writes the run's report: every run writes one,
   * even a run in which no variant ran, so report.json never describes an earlier run.
   */
  @Override
  public void after(MatrixExecutionContext context) {
    try {
      Optional<RuntimeException> archiveFailure = Optional.empty();
      try {
        // archives nothing when no variant was launched; removes no layer when the store was unused
        archiveFailure = context.outcome().archiveRun(context.services());
      } finally {
        // the results are written whatever happened to the archive
        context.outcome().layersRemoved(context.services().retainLayers());
        writeReport(context, archiveFailure);
      }
      archiveFailure.ifPresent(
          e -> {
            throw e;
          });
    } finally {
      context.close();
    }
  }
}
