package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.engine.archive.ArchiveCandidate;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.launch.LaunchPlan;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

/**
 * Runs one variant: waits for its class's permit and the host's admission, launches its container,
 * relays its agent's events into the JUnit tree, and decides what the variant's own node reports.
 * Test failures inside stay on the tests; only a failure of the container itself fails the variant
 * node.
 */
final class VariantExecution {
  private final VariantDescriptor descriptor;
  private final MatrixExecutionContext context;
  private final ClassRunState classState;
  private final VariantPlan plan;
  private final VariantDefinition variant;
  private boolean recorded;
  private boolean running;

  /** The allowFailures entry the variant matches, if any. */
  private final Optional<String> allowedFailure;

  /** The containers the variant has used so far. */
  private final VariantContainers containers;

  /** How the variant's containers are retried. */
  private final VariantRetries retries;

  /** What was running when the variant timed out, named as report.json names tests. */
  private List<String> runningTests = List.of();

  VariantExecution(VariantDescriptor descriptor, MatrixExecutionContext context) {
    this.descriptor = descriptor;
    this.context = context;
    this.classState = context.classState(descriptor.getParent().orElseThrow().getUniqueId());
    this.plan = descriptor.plan();
    this.variant = plan.variant();
    this.allowedFailure =
        variant.allowedFailure().map(dev.containermatrix.engine.matrix.ValueSelector::text);
    this.containers = new VariantContainers(descriptor, context, classState, this::logs);
    this.retries =
        new VariantRetries(
            descriptor, context, classState, containers, allowedFailure, this::logsRelative);
  }

  void run() throws Exception {
    VariantEntries.publishValues(context.listener(), descriptor, variant.values());
    classState.permits().acquire();
    try (HostAdmission.Admitted admitted = admit()) {
      admitted
          .alone()
          .ifPresent(
              why ->
                  context
                      .listener()
                      .reportingEntryPublished(descriptor, ReportEntry.from("admission", why)));
      runWithPermits();
    } finally {
      classState.permits().release();
    }
  }

  /**
   * Waits until the host admits the variant (see {@link HostAdmission}). A store that cannot hold
   * the admission slots fails the variant as {@code INFRA_ERROR}; an interrupt while waiting aborts
   * it.
   */
  private HostAdmission.Admitted admit() {
    long start = System.nanoTime();
    try {
      return context
          .services()
          .admission()
          .admit(dev.containermatrix.engine.schedule.Demand.of(plan.limits()));
    } catch (java.io.UncheckedIOException e) {
      throw infraError("cannot run on this host: " + e.getMessage(), null, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String reason = "was interrupted while waiting to be admitted on this host";
      record(VariantStatus.ABORTED, Optional.of(reason), null, start);
      throw new TestAbortedException("variant " + variant.displayName() + " " + reason);
    }
  }

  /**
   * Runs the variant; whatever escapes unrecorded (a bug, a channel that cannot be opened) is still
   * recorded, as {@code INFRA_ERROR}, so that no variant that ran is missing from report.json.
   */
  private void runWithPermits() throws Exception {
    long start = System.nanoTime();
    running = true;
    context.outcome().variantStarted();
    try {
      runRecorded(start);
    } catch (Throwable t) {
      if (!recorded) {
        recordFailure(
            VariantStatus.INFRA_ERROR, Optional.of("failed on the host: " + t), null, start);
      }
      throw t;
    }
  }

  private void runRecorded(long start) throws Exception {
    Optional<String> cancelled = classState.cancelCause();
    if (cancelled.isPresent()) {
      String reason = "was cancelled (" + cancelled.get() + ") before it started";
      record(VariantStatus.ABORTED, Optional.of(reason), null, start);
      throw new TestAbortedException("variant " + variant.displayName() + " " + reason);
    }
    Optional<String> tooLong = descriptor.toRunTooLong();
    if (tooLong.isPresent()) {
      throw infraError("cannot be started: " + tooLong.get(), null, start);
    }
    ContainerRuntime runtime;
    try {
      runtime = context.services().runtime();
    } catch (ContainerException | java.io.UncheckedIOException e) {
      throw infraError("cannot run on this host: " + e.getMessage(), null, start);
    }
    VariantRetries.Ran ran;
    try {
      ran = retries.run(runtime);
    } catch (VariantContainers.CouldNotLaunch e) {
      throw infraError(e.getMessage(), null, start);
    }
    ran.relay().releaseHeld();
    conclude(ran.relay(), ran.exit(), start);
  }

  private void conclude(EventRelay relay, ExitStatus exit, long start) {
    if (exit.reason() == ExitStatus.Reason.CANCELLED) {
      String reason = exit.description(); // "was cancelled (why); its JVM (pid …) was killed"
      relay.abortPending("variant " + variant.displayName() + " " + reason);
      record(VariantStatus.ABORTED, Optional.of(reason), relay, start);
      throw new TestAbortedException("variant " + variant.displayName() + " " + reason);
    }
    if (VariantRetries.endedUnfinished(relay, exit)) {
      if (exit.reason() == ExitStatus.Reason.TIMED_OUT) {
        runningTests = relay.running();
      }
      String reason =
          exit.description()
              + (runningTests.isEmpty() ? "" : " while running " + String.join(", ", runningTests))
              + (relay.sawBye() ? "" : ", before it had reported all its tests")
              + OutputAttachment.lastError(logs().resolve("stderr.log"))
                  .map(line -> " (its last error: " + line + ")")
                  .orElse("")
              + relay.broken().map(b -> " (its event stream broke: " + b + ")").orElse("")
              + (exit.reason() == ExitStatus.Reason.TIMED_OUT
                  ? threadDumpLog()
                      .map(log -> "; a thread dump taken before it was killed is in its " + log)
                      .orElse("")
                  : "")
              + "; its output is in "
              + logs();
      throw endedUnfinished(
          relay, reason, "variant " + variant.displayName() + " " + reason, start);
    }
    if (relay.broken().isPresent()) {
      String reason =
          "the agent's event stream broke: "
              + relay.broken().get()
              + "; its output is in "
              + logs();
      throw endedUnfinished(
          relay, reason, "variant " + variant.displayName() + ": " + reason, start);
    }
    relay.skipUnreported("was not run: the engine inside the variant did not report it");
    if (relay.engineFailure().isPresent()) {
      Throwable failure = relay.engineFailure().get();
      recordFailure(
          VariantStatus.FAILED, Optional.of(String.valueOf(failure.getMessage())), relay, start);
      throw failureOfTheVariant(
          new VariantFailedException(
              "variant " + variant.displayName() + ": the tests inside could not run: " + failure));
    }
    if (relay.failed() > 0) {
      recordFailure(
          VariantStatus.FAILED, Optional.of(relay.failed() + " test(s) failed"), relay, start);
    } else {
      record(VariantStatus.PASSED, Optional.empty(), relay, start);
    }
  }

  /**
   * The variant's log that holds a JVM thread dump (taken before a timeout's kill): {@code
   * stdout.log}, or {@code stderr.log} where a backend sends the JVM's stdout there.
   */
  private Optional<String> threadDumpLog() {
    for (String log : List.of("stdout.log", "stderr.log")) {
      try (java.util.stream.Stream<String> lines =
          java.nio.file.Files.lines(
              logs().resolve(log), java.nio.charset.StandardCharsets.ISO_8859_1)) {
        if (lines.anyMatch(line -> line.startsWith("Full thread dump"))) {
          return Optional.of(log);
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // no such log: no dump in it
      }
    }
    return Optional.empty();
  }

  /**
   * The variant's failure when its container ended without all its tests reported: the tests it did
   * not finish are aborted with it, so that it counts once, as the variant's failure.
   */
  private RuntimeException endedUnfinished(
      EventRelay relay, String reason, String message, long start) {
    VariantFailedException failure = new VariantFailedException(message);
    relay.abortPending(
        "did not finish: " + failure.getMessage() + " (counted once, as the variant's failure)");
    recordFailure(VariantStatus.INFRA_ERROR, Optional.of(reason), relay, start);
    return failureOfTheVariant(failure);
  }

  private RuntimeException infraError(String reason, EventRelay relay, long start) {
    recordFailure(VariantStatus.INFRA_ERROR, Optional.of(reason), relay, start);
    return failureOfTheVariant(
        new VariantFailedException("variant " + variant.displayName() + " " + reason));
  }

  /**
   * Records a failure of the variant: as {@code FAILED_ALLOWED} where it matches an {@code
   * allowFailures} entry (which the reason then names, and which cancels no other variant), else as
   * {@code status}, which failFast hears of.
   */
  private void recordFailure(
      VariantStatus status, Optional<String> reason, EventRelay relay, long start) {
    if (allowedFailure.isPresent()) {
      record(
          VariantStatus.FAILED_ALLOWED,
          Optional.of(
              reason.map(r -> r + "; ").orElse("")
                  + "allowed to fail: it matches allowFailures entry '"
                  + allowedFailure.get()
                  + "'"),
          relay,
          start);
    } else {
      record(status, reason, relay, start);
      classState.variantFailed(variant.displayName());
    }
  }

  /** How the variant's node fails: aborted, with the failure as its cause, where it may fail. */
  private RuntimeException failureOfTheVariant(VariantFailedException failure) {
    if (allowedFailure.isPresent()) {
      return new TestAbortedException(
          failure.getMessage()
              + " (allowed to fail: it matches allowFailures entry '"
              + allowedFailure.get()
              + "')",
          failure);
    }
    return failure;
  }

  private void record(
      VariantStatus status, Optional<String> outcome, EventRelay relay, long start) {
    recorded = true;
    List<String> infraRetried = retries.infraRetried();
    @org.jspecify.annotations.Nullable LaunchPlan launched = containers.launched();
    Optional<String> reason =
        infraRetried.isEmpty()
            ? outcome
            : Optional.of(
                outcome.map(r -> r + "; ").orElse("")
                    + "it ran in a fresh container after "
                    + String.join("; ", infraRetried)
                    + " before any test started (containermatrix.retries.infra)");
    VariantReport.TestCounts counts =
        relay == null
            ? new VariantReport.TestCounts(0, 0, 0)
            : new VariantReport.TestCounts(relay.passed(), relay.failed(), relay.skipped());
    List<PlannedLayer> layers = launched == null ? List.of() : launched.layers();
    VariantReport entry =
        report(
                plan,
                layers,
                status,
                reason,
                counts,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                containers.notEnforced())
            .withCpuMillis(containers.cpuMillis())
            .withPeakMemoryBytes(containers.peakMemoryBytes());
    if (launched != null) {
      entry = entry.withLogs(logsRelative());
    }
    if (!runningTests.isEmpty()) {
      entry = entry.withRunningTest(String.join("; ", runningTests));
    }
    if (relay != null) {
      entry = entry.withRetries(relay.flaky(), Math.max(1, containers.count()));
    } else if (containers.count() > 1) {
      entry = entry.withRetries(List.of(), containers.count());
    }
    if (relay != null) {
      entry = entry.withFailures(relay.failures());
      if (descriptor.isSuite()) {
        entry = entry.withClasses(relay.perClass());
      }
    }
    context.outcome().variantFinished(entry, running);
    if (launched != null) {
      List<PlannedLayer> archived = layers.isEmpty() ? classState.stacks().of(plan) : layers;
      if (!archived.isEmpty()) {
        context
            .outcome()
            .archiveCandidate(new ArchiveCandidate(plan, launched.spec(), archived, entry));
      }
    }
  }

  /** The report.json entry of a variant that ran (or was refused or skipped) with this outcome. */
  static VariantReport report(
      VariantPlan plan,
      List<PlannedLayer> layers,
      VariantStatus status,
      Optional<String> reason,
      VariantReport.TestCounts counts,
      long durationMillis,
      List<String> notEnforced) {
    VariantDefinition variant = plan.variant();
    return new VariantReport(
            variant.id(),
            plan.testClass(),
            variant.displayName(),
            variant.values(),
            plan.limits(),
            layers.stream()
                .map(
                    l ->
                        new VariantReport.ReportedLayer(
                            l.digest().toString(), l.sizeBytes(), l.role(), l.built()))
                .toList(),
            status,
            reason,
            counts,
            durationMillis,
            Optional.empty(),
            notEnforced)
        .withClasspathEntries(plan.classpath().size())
        .withJdk(
            new VariantReport.ReportedJdk(
                plan.jdkFeature(), plan.jdkHome().toString(), plan.jdkInBase()));
  }

  /** The variant's log directory (see {@link dev.containermatrix.engine.report.VariantLogs}). */
  private Path logs() {
    return context
        .outcome()
        .variantLogs()
        .directory(plan.testClass(), variant.displayName(), variant.id());
  }

  /** The variant's log directory relative to the report directory, as report.json names it. */
  private String logsRelative() {
    return context
        .outcome()
        .variantLogs()
        .relative(plan.testClass(), variant.displayName(), variant.id());
  }
}
