package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.engine.launch.LaunchPlan;
import dev.containermatrix.engine.launch.RunLength;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.junit.channel.EventChannelServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Runs the containers of one variant, one at a time: plans and launches each, serves its agent's
 * event channel and drains it after the container exited, and keeps what the report needs of them
 * (how many ran, the first one's launch plan and not-enforced limits, their CPU time and peak
 * memory).
 */
final class VariantContainers {
  /** How long the channel may keep delivering buffered events after the container exited. */
  private static final long DRAIN_SECONDS = 10;

  private final VariantDescriptor descriptor;
  private final MatrixExecutionContext context;
  private final ClassRunState classState;
  private final VariantPlan plan;
  private final Supplier<Path> logs;
  private List<String> notEnforced = List.of();
  private @org.jspecify.annotations.Nullable LaunchPlan launched;
  private java.util.OptionalLong cpuMillis = java.util.OptionalLong.empty();
  private java.util.OptionalLong peakMemoryBytes = java.util.OptionalLong.empty();

  /** How many containers the variant has used so far. */
  private int containers;

  /**
   * @param logs the variant's log directory
   */
  VariantContainers(
      VariantDescriptor descriptor,
      MatrixExecutionContext context,
      ClassRunState classState,
      Supplier<Path> logs) {
    this.descriptor = descriptor;
    this.context = context;
    this.classState = classState;
    this.plan = descriptor.plan();
    this.logs = logs;
  }

  /** How many containers the variant has used so far. */
  int count() {
    return containers;
  }

  /** The first container's launch plan, once it was planned. */
  @org.jspecify.annotations.Nullable
  LaunchPlan launched() {
    return launched;
  }

  /** The limits the first container's backend could not enforce. */
  List<String> notEnforced() {
    return notEnforced;
  }

  /** The CPU time of the containers, summed, where the backend measured it. */
  java.util.OptionalLong cpuMillis() {
    return cpuMillis;
  }

  /** The highest peak memory of the containers, where the backend measured it. */
  java.util.OptionalLong peakMemoryBytes() {
    return peakMemoryBytes;
  }

  /**
   * Runs one container of the variant, running {@code toRun} inside, with its agent's events going
   * to {@code events}; the first container also publishes the class-data and not-enforced entries
   * and attaches its output to the variant's node. Each container after the first writes its output
   * to {@code attempt-<n>/} in the variant's log directory.
   */
  ExitStatus attempt(
      ContainerRuntime runtime,
      List<String> toRun,
      dev.containermatrix.junit.channel.AgentEventListener events,
      java.util.function.Consumer<String> broke)
      throws Exception {
    boolean first = containers == 0;
    containers++;
    Path output = first ? logs.get() : logs.get().resolve("attempt-" + containers);
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
  static final class CouldNotLaunch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CouldNotLaunch(String reason) {
      super(reason, null, false, false);
    }
  }
}
