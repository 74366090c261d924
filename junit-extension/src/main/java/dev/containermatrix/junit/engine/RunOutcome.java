package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.archive.RunArchive;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.engine.archive.ArchiveCandidate;
import dev.containermatrix.engine.archive.ArchivedRunSummary;
import dev.containermatrix.engine.archive.ReplaySource;
import dev.containermatrix.engine.archive.RunArchiver;
import dev.containermatrix.engine.report.RunReport;
import dev.containermatrix.engine.report.RunReportWriter;
import dev.containermatrix.engine.report.VariantLogs;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import dev.containermatrix.junit.agent.AgentMain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run produces: its report, its variants' log directories, and the variants it launched,
 * which it archives at its end. The services it ran with are its {@link RunServices}.
 */
final class RunOutcome implements AutoCloseable {
  private final RunReport report;
  private final ConsoleProgress progress;
  private final VariantLogs variantLogs;
  private final List<ArchiveCandidate> archiveCandidates =
      Collections.synchronizedList(new ArrayList<>());

  RunOutcome(RunReport report, EngineSettings settings, ConsoleProgress progress) {
    this.report = report;
    this.progress = progress;
    this.variantLogs = new RunReportWriter().variantLogs(report, settings.reportDirectory());
  }

  RunReport report() {
    return report;
  }

  /**
   * Where this run's variants write their logs ({@code variants/<runId>/…} in the report
   * directory).
   */
  VariantLogs variantLogs() {
    return variantLogs;
  }

  /** A variant started running: the console's progress counts it as running. */
  void variantStarted() {
    progress.started();
  }

  /**
   * A variant finished: its entry goes into the report, its line onto the console.
   *
   * @param wasRunning whether {@link #variantStarted()} counted it
   */
  void variantFinished(VariantReport entry, boolean wasRunning) {
    report.add(entry);
    progress.finished(entry, wasRunning);
  }

  /** Ends the console's progress with its last summary. */
  @Override
  public void close() {
    progress.close();
  }

  /** A variant that was launched, to archive at the end of the run. */
  void archiveCandidate(ArchiveCandidate candidate) {
    archiveCandidates.add(candidate);
  }

  /** Reports a variant that never started because it was skipped (failFast). */
  void recordSkipped(VariantDescriptor variant, String reason) {
    variantFinished(
        VariantExecution.report(
            variant.plan(),
            List.of(),
            VariantStatus.ABORTED,
            Optional.of(reason),
            new VariantReport.TestCounts(0, 0, 0),
            0,
            List.of()),
        false);
  }

  /** Records the layers the store's retention removed at the end of the run, if any. */
  void layersRemoved(List<StoredLayer> removed) {
    if (!removed.isEmpty()) {
      report.collected(removed.size(), removed.stream().mapToLong(StoredLayer::sizeBytes).sum());
    }
  }

  /**
   * Archives the run as {@code containermatrix.archive} says, and records where (or why not) in the
   * report.
   *
   * @return the failure, if archiving failed: the caller reports it after writing report.json
   */
  Optional<RuntimeException> archiveRun(RunServices services) {
    EngineSettings settings = services.settings();
    List<ArchiveCandidate> candidates;
    synchronized (archiveCandidates) {
      candidates = List.copyOf(archiveCandidates);
    }
    boolean allPassed =
        report.variants().stream().allMatch(v -> v.status() == VariantStatus.PASSED);
    if (candidates.isEmpty() || !settings.archive().archives(allPassed)) {
      return Optional.empty();
    }
    try {
      RunArchive archive = RunArchive.open(settings.archiveDirectory());
      ArchivedRunSummary summary =
          new RunArchiver(archive, services.layerStore(), AgentMain.STANDALONE)
              .archive(
                  report,
                  candidates,
                  settings.baseDirectory(),
                  services.replay().map(ReplaySource::describe),
                  settings.archiveBounds().policy(report.runId()));
      System.err.println(
          settings
              .archiveBounds()
              .consoleLine(
                  summary.directory(),
                  summary.runsHeld(),
                  summary.bytesHeld(),
                  summary.removedRuns()));
      report.archived(
          new RunReport.ArchiveEntry(
              summary.directory().toString(),
              summary.recordDigest(),
              summary.refsByVariant(),
              summary.removedRuns() == 0
                  ? null
                  : "retention removed " + summary.removedRuns() + " older run(s)"));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      String message =
          "Could not archive run "
              + report.runId()
              + " into "
              + settings.archiveDirectory()
              + ": "
              + e.getMessage()
              + "; the test results stand (report.json), but this run cannot be replayed. Check"
              + " that the directory is writable and has space, set containermatrix.archive.dir"
              + " elsewhere, or set containermatrix.archive=off";
      report.archived(new RunReport.ArchiveEntry(null, null, Map.of(), message));
      return Optional.of(new IllegalStateException(message, e));
    }
  }
}
