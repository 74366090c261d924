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
  private java.util.OptionalLong peakMemoryBytes = java.util.OptionalLong.empty();
  private boolean recorded;
  private boolean running;

  /** The allowFailures entry the variant matches, if any. */
  private final Optional<String> allowedFailure;

  /** How many containers the variant has used so far. */
  private int containers;

  /** Each container that failed before any test started and was replaced, with how it ended. */
  private final List<String> infraRetried = new java.util.ArrayList<>();

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
    RetryPolicy retries = context.services().settings().retries();
    EventRelay relay;
    ExitStatus exit;
    int infraRetriesLeft = retries.infraRetries();
    while (true) {
      relay =
          new EventRelay(
              descriptor,
              context.listener(),
              variant.displayName(),
              logsRelative(),
              descriptor.listedToRun(),
              descriptor.isSuite());
      allowedFailure.ifPresent(relay::allowFailures);
      relay.relaysContainer(containers + 1);
      if (retries.testRetries() > 0) {
        relay.holdFailedTests();
      }
      try {
        exit = attempt(runtime, descriptor.toRun(), relay, relay::broke);
      } catch (CouldNotLaunch e) {
        throw infraError(e.getMessage(), null, start);
      }
      if (endedUnfinished(relay, exit)
          && exit.reason() != ExitStatus.Reason.CANCELLED
          && !relay.reachedTheTree()
          && RetryPolicy.isTransient(exit)
          && infraRetriesLeft-- > 0) {
        // nothing of it reached the JUnit tree: a fresh container and relay start over
        infraRetried.add("container " + containers + " " + exit.description());
        continue;
      }
      break;
    }
    if (!endedUnfinished(relay, exit)
        && relay.broken().isEmpty()
        && relay.engineFailure().isEmpty()) {
      retryFailedTests(runtime, relay, retries.testRetries());
    }
    relay.releaseHeld();
    conclude(relay, exit, start);
  }

  /**
   * Runs the tests the relay held back, each retry in a fresh container with only the tests still
   * failing, until they pass or {@code retries} containers have run them.
   */
  private void retryFailedTests(ContainerRuntime runtime, EventRelay relay, int retries)
      throws Exception {
    for (int retry = 1; retry <= retries && !relay.heldTests().isEmpty(); retry++) {
      Optional<String> cancelled = classState.cancelCause();
      if (cancelled.isPresent()) {
        relay.retried(containers + 1, new RetryAttempt(), "cancelled (" + cancelled.get() + ")");
        return;
      }
      List<String> toRun = new java.util.ArrayList<>();
      if (descriptor.isSuite()) {
        // the suite's own filters and configuration still apply to the unique ids
        toRun.add(descriptor.selectedInside().get(0));
      }
      relay.heldTests().forEach(id -> toRun.add("uid:" + id));
      RetryAttempt outcome = new RetryAttempt();
      ExitStatus exit;
      try {
        exit = attempt(runtime, toRun, outcome, broken -> {});
      } catch (CouldNotLaunch e) {
        relay.retried(containers, outcome, "its container " + e.getMessage());
        return;
      }
      String notRun =
          outcome.sawBye()
              ? "the retry did not run it"
              : "its container " + exit.description() + " before the test finished";
      relay.retried(containers, outcome, notRun);
    }
  }

  /** Whether the container ended without its agent saying bye, or with an unexpected status. */
  private static boolean endedUnfinished(EventRelay relay, ExitStatus exit) {
    return !relay.sawBye() || !(exit.isSuccess() || exit.exitCode() == 1);
  }

  /**
   * Runs one container of the variant, running {@code toRun} inside, with its agent's events going
   * to {@code events}; the first container also publishes the class-data and not-enforced entries
   * and attaches its output to the variant's node. Each container after the first writes its output
   * to {@code attempt-<n>/} in the variant's log directory.
   */
  private ExitStatus attempt(
      ContainerRuntime runtime,
      List<String> toRun,
      dev.containermatrix.junit.channel.AgentEventListener events,
      java.util.function.Consumer<String> broke)
      throws Exception {
    boolean first = containers == 0;
    containers++;
    Path output = first ? logs() : logs().resolve("attempt-" + containers);
    LaunchPlan launch;
    try {
      if (!first) {
        java.nio.file.Files.createDirectories(output);
      }
      launch =
          context
              .services()
              .launchPlanner()
              .plan(
                  plan,
                  classState.stacks(),
                  toRun,
                  descriptor.isSuite() ? RunLength.LONG : RunLength.SHORT,
                  runtime,
                  output);
    } catch (ContainerException | java.io.IOException | java.io.UncheckedIOException e) {
      throw new CouldNotLaunch("cannot run on this host: " + e.getMessage());
    }
    if (first) {
      launched = launch;
      launch
          .classData()
          .ifPresent(
              description ->
                  context
                      .listener()
                      .reportingEntryPublished(
                          descriptor, ReportEntry.from("classData", description)));
    }
    ContainerSpec spec = launch.spec();
    ExitStatus exit;
    try (EventChannelServer server = EventChannelServer.open(spec.channelSocket())) {
      Future<?> serving =
          context
              .services()
              .channelThreads()
              .submit(
                  () -> {
                    server.serve(events);
                    return null;
                  });
      try (ContainerHandle handle = launch(runtime, spec)) {
        classState.started(handle);
        if (first) {
          notEnforced = handle.notEnforced();
          if (!notEnforced.isEmpty()) {
            context
                .listener()
                .reportingEntryPublished(
                    descriptor, ReportEntry.from("notEnforced", String.join("; ", notEnforced)));
          }
        }
        try {
          exit = handle.awaitExit();
          handle
              .cpuTime()
              .ifPresent(
                  cpu ->
                      cpuMillis = java.util.OptionalLong.of(cpuMillis.orElse(0) + cpu.toMillis()));
          // the variant's peak is the highest of its containers'
          handle
              .peakMemory()
              .ifPresent(
                  peak ->
                      peakMemoryBytes =
                          java.util.OptionalLong.of(Math.max(peakMemoryBytes.orElse(0), peak)));
        } finally {
          classState.stopped(handle);
        }
        closeIfNeverConnected(server);
        drain(server, serving, broke);
        if (first) {
          new OutputAttachment(context.listener(), descriptor)
              .attach(handle.stdout(), handle.stderr());
        }
      }
    }
    return exit;
  }

  /**
   * Waits for the channel to deliver what the agent sent before its container exited; reading that
   * fails or does not end breaks the relay's stream, so the variant cannot pass on what it missed.
   */
  private static void drain(
      EventChannelServer server, Future<?> serving, java.util.function.Consumer<String> broke)
      throws Exception {
    try {
      try {
        serving.get(DRAIN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        server.close();
        serving.get(DRAIN_SECONDS, TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      broke.accept("reading the event channel failed: " + e.getCause());
    } catch (TimeoutException e) {
      broke.accept(
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

  private static ContainerHandle launch(ContainerRuntime runtime, ContainerSpec spec) {
    try {
      return runtime.launch(spec);
    } catch (ContainerException e) {
      throw new CouldNotLaunch("could not be started: " + e.getMessage());
    }
  }

  /**
   * A container of the variant could not be planned or launched; the message completes "the variant
   * …".
   */
  private static final class CouldNotLaunch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CouldNotLaunch(String reason) {
      super(reason, null, false, false);
    }
  }

  private void conclude(EventRelay relay, ExitStatus exit, long start) {
    if (exit.reason() == ExitStatus.Reason.CANCELLED) {
      String reason = exit.description(); // "was cancelled (why); its JVM (pid …) was killed"
      relay.abortPending("variant " + variant.displayName() + " " + reason);
      record(VariantStatus.ABORTED, Optional.of(reason), relay, start);
      throw new TestAbortedException("variant " + variant.displayName() + " " + reason);
    }
    if (endedUnfinished(relay, exit)) {
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
                notEnforced)
            .withCpuMillis(cpuMillis)
            .withPeakMemoryBytes(peakMemoryBytes);
    if (launched != null) {
      entry = entry.withLogs(logsRelative());
    }
    if (!runningTests.isEmpty()) {
      entry = entry.withRunningTest(String.join("; ", runningTests));
    }
    if (relay != null) {
      entry = entry.withRetries(relay.flaky(), Math.max(1, containers));
    } else if (containers > 1) {
      entry = entry.withRetries(List.of(), containers);
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
