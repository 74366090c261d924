package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.engine.archive.ArchiveCandidate;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.launch.LaunchPlan;
import dev.containermatrix.engine.launch.RunLength;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.engine.report.VariantStatus;
import dev.containermatrix.junit.channel.EventChannelServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

/**
 * Runs one variant: waits for its class's permit and the host's admission, launches its container,
 * relays its agent's events into the JUnit tree, and decides what the variant's own node reports.
 * Test failures inside stay on the tests; only a failure of the container itself fails the variant
 * node.
 */
final class VariantExecution {
  /** How long the channel may keep delivering buffered events after the container exited. */
  private static final long DRAIN_SECONDS = 10;

  private final VariantDescriptor descriptor;
  private final MatrixExecutionContext context;
  private final ClassRunState classState;
  private final VariantPlan plan;
  private final VariantDefinition variant;
  private List<String> notEnforced = List.of();
  private @org.jspecify.annotations.Nullable LaunchPlan launched;
  private java.util.OptionalLong cpuMillis = java.util.OptionalLong.empty();
  private boolean recorded;
  private boolean running;

  VariantExecution(VariantDescriptor descriptor, MatrixExecutionContext context) {
    this.descriptor = descriptor;
    this.context = context;
    this.classState = context.classState(descriptor.getParent().orElseThrow().getUniqueId());
    this.plan = descriptor.plan();
    this.variant = plan.variant();
  }

  void run() throws Exception {
    classState.permits().acquire();
    try (HostAdmission.Admitted admitted = admit()) {
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
      return context.services().admission().admit();
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
        record(VariantStatus.INFRA_ERROR, Optional.of("failed on the host: " + t), null, start);
        classState.variantFailed(variant.displayName());
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
    LaunchPlan launch;
    try {
      runtime = context.services().runtime();
      launch =
          context
              .services()
              .launchPlanner()
              .plan(
                  plan,
                  classState.stacks(),
                  descriptor.toRun(),
                  descriptor.isSuite() ? RunLength.LONG : RunLength.SHORT,
                  runtime,
                  logs());
    } catch (ContainerException | java.io.UncheckedIOException e) {
      throw infraError("cannot run on this host: " + e.getMessage(), null, start);
    }
    launched = launch;
    launch
        .classData()
        .ifPresent(
            description ->
                context
                    .listener()
                    .reportingEntryPublished(
                        descriptor, ReportEntry.from("classData", description)));
    ContainerSpec spec = launch.spec();
    EventRelay relay =
        new EventRelay(
            descriptor,
            context.listener(),
            variant.displayName(),
            logsRelative(),
            descriptor.listedToRun(),
            descriptor.isSuite());
    ExitStatus exit;
    try (EventChannelServer server = EventChannelServer.open(spec.channelSocket())) {
      Future<?> serving =
          context
              .services()
              .channelThreads()
              .submit(
                  () -> {
                    server.serve(relay);
                    return null;
                  });
      try (ContainerHandle handle = launch(runtime, spec, start)) {
        classState.started(handle);
        notEnforced = handle.notEnforced();
        if (!notEnforced.isEmpty()) {
          context
              .listener()
              .reportingEntryPublished(
                  descriptor, ReportEntry.from("notEnforced", String.join("; ", notEnforced)));
        }
        try {
          exit = handle.awaitExit();
          handle.cpuTime().ifPresent(cpu -> cpuMillis = java.util.OptionalLong.of(cpu.toMillis()));
        } finally {
          classState.stopped(handle);
        }
        closeIfNeverConnected(server);
        drain(server, serving, relay);
        new OutputAttachment(context.listener(), descriptor)
            .attach(handle.stdout(), handle.stderr());
      }
    }
    conclude(relay, exit, start);
  }

  /**
   * Waits for the channel to deliver what the agent sent before its container exited; reading that
   * fails or does not end breaks the relay's stream, so the variant cannot pass on what it missed.
   */
  private static void drain(EventChannelServer server, Future<?> serving, EventRelay relay)
      throws Exception {
    try {
      try {
        serving.get(DRAIN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        server.close();
        serving.get(DRAIN_SECONDS, TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      relay.broke("reading the event channel failed: " + e.getCause());
    } catch (TimeoutException e) {
      relay.broke(
          "the event channel did not end within "
              + 2 * DRAIN_SECONDS
              + " s after the container exited");
    }
  }

  /**
   * A container that ended without its agent ever connecting (it failed while starting) has no
   * events to drain: after a short grace for an accept still under way, stop waiting for them.
   */
  private static void closeIfNeverConnected(EventChannelServer server) throws java.io.IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    while (!server.hasConnection() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    if (!server.hasConnection()) {
      server.close();
    }
  }

  private ContainerHandle launch(ContainerRuntime runtime, ContainerSpec spec, long start) {
    try {
      return runtime.launch(spec);
    } catch (ContainerException e) {
      throw infraError("could not be started: " + e.getMessage(), null, start);
    }
  }

  private void conclude(EventRelay relay, ExitStatus exit, long start) {
    if (exit.reason() == ExitStatus.Reason.CANCELLED) {
      String reason = exit.description(); // "was cancelled (why); its JVM (pid …) was killed"
      relay.abortPending("variant " + variant.displayName() + " " + reason);
      record(VariantStatus.ABORTED, Optional.of(reason), relay, start);
      throw new TestAbortedException("variant " + variant.displayName() + " " + reason);
    }
    if (!relay.sawBye() || !(exit.isSuccess() || exit.exitCode() == 1)) {
      String reason =
          exit.description()
              + (relay.sawBye() ? "" : ", before it had reported all its tests")
              + OutputAttachment.lastError(logs().resolve("stderr.log"))
                  .map(line -> " (its last error: " + line + ")")
                  .orElse("")
              + relay.broken().map(b -> " (its event stream broke: " + b + ")").orElse("")
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
      record(VariantStatus.FAILED, Optional.of(String.valueOf(failure.getMessage())), relay, start);
      classState.variantFailed(variant.displayName());
      throw new VariantFailedException(
          "variant " + variant.displayName() + ": the tests inside could not run: " + failure);
    }
    if (relay.failed() > 0) {
      record(VariantStatus.FAILED, Optional.of(relay.failed() + " test(s) failed"), relay, start);
      classState.variantFailed(variant.displayName());
    } else {
      record(VariantStatus.PASSED, Optional.empty(), relay, start);
    }
  }

  /**
   * The variant's failure when its container ended without all its tests reported: the tests it did
   * not finish are aborted with it, so that it counts once, as the variant's failure.
   */
  private VariantFailedException endedUnfinished(
      EventRelay relay, String reason, String message, long start) {
    VariantFailedException failure = new VariantFailedException(message);
    relay.abortPending(
        "did not finish: " + failure.getMessage() + " (counted once, as the variant's failure)");
    record(VariantStatus.INFRA_ERROR, Optional.of(reason), relay, start);
    classState.variantFailed(variant.displayName());
    return failure;
  }

  private VariantFailedException infraError(String reason, EventRelay relay, long start) {
    record(VariantStatus.INFRA_ERROR, Optional.of(reason), relay, start);
    classState.variantFailed(variant.displayName());
    return new VariantFailedException("variant " + variant.displayName() + " " + reason);
  }

  private void record(VariantStatus status, Optional<String> reason, EventRelay relay, long start) {
    recorded = true;
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
                notEnforced)
            .withCpuMillis(cpuMillis);
    if (launched != null) {
      entry = entry.withLogs(logsRelative());
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
