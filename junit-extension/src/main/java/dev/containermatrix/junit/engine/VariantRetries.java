package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.engine.expand.VariantDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a variant's containers under its retry policy ({@link RetryPolicy}): a first container that
 * failed transiently before anything of it reached the JUnit tree is replaced by a fresh one
 * ({@code containermatrix.retries.infra}), and the failed tests its relay held back run again, each
 * retry in a fresh container ({@code containermatrix.retries}).
 */
final class VariantRetries {
  private final VariantDescriptor descriptor;
  private final MatrixExecutionContext context;
  private final ClassRunState classState;
  private final VariantDefinition variant;
  private final VariantContainers containers;
  private final Optional<String> allowedFailure;
  private final java.util.function.Supplier<String> logsRelative;

  /** Each container that failed before any test started and was replaced, with how it ended. */
  private final List<String> infraRetried = new java.util.ArrayList<>();

  /**
   * @param allowedFailure the allowFailures entry the variant matches, if any
   * @param logsRelative the variant's log directory relative to the report directory
   */
  VariantRetries(
      VariantDescriptor descriptor,
      MatrixExecutionContext context,
      ClassRunState classState,
      VariantContainers containers,
      Optional<String> allowedFailure,
      java.util.function.Supplier<String> logsRelative) {
    this.descriptor = descriptor;
    this.context = context;
    this.classState = classState;
    this.variant = descriptor.plan().variant();
    this.containers = containers;
    this.allowedFailure = allowedFailure;
    this.logsRelative = logsRelative;
  }

  /**
   * The relay of the container whose events reached the JUnit tree, and how that container ended.
   */
  record Ran(EventRelay relay, ExitStatus exit) {
    Ran {
      Objects.requireNonNull(relay, "relay");
      Objects.requireNonNull(exit, "exit");
    }
  }

  /**
   * Runs the variant's containers: the first (replaced while it fails transiently before anything
   * of it reached the JUnit tree), then the retries of its failed tests. The held tests are not
   * released yet.
   *
   * @throws VariantContainers.CouldNotLaunch where the variant's container could not be launched
   */
  Ran run(ContainerRuntime runtime) throws Exception {
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
              logsRelative.get(),
              descriptor.listedToRun(),
              descriptor.isSuite());
      allowedFailure.ifPresent(relay::allowFailures);
      relay.relaysContainer(containers.count() + 1);
      if (retries.testRetries() > 0) {
        relay.holdFailedTests();
      }
      exit = containers.attempt(runtime, descriptor.toRun(), relay, relay::broke);
      if (endedUnfinished(relay, exit)
          && exit.reason() != ExitStatus.Reason.CANCELLED
          && !relay.reachedTheTree()
          && RetryPolicy.isTransient(exit)
          && infraRetriesLeft-- > 0) {
        // nothing of it reached the JUnit tree: a fresh container and relay start over
        infraRetried.add("container " + containers.count() + " " + exit.description());
        continue;
      }
      break;
    }
    if (!endedUnfinished(relay, exit)
        && relay.broken().isEmpty()
        && relay.engineFailure().isEmpty()) {
      retryFailedTests(runtime, relay, retries.testRetries());
    }
    return new Ran(relay, exit);
  }

  /** Each container that failed before any test started and was replaced, with how it ended. */
  List<String> infraRetried() {
    return List.copyOf(infraRetried);
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
        relay.retried(
            containers.count() + 1, new RetryAttempt(), "cancelled (" + cancelled.get() + ")");
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
        exit = containers.attempt(runtime, toRun, outcome, broken -> {});
      } catch (VariantContainers.CouldNotLaunch e) {
        relay.retried(containers.count(), outcome, "its container " + e.getMessage());
        return;
      }
      String notRun =
          outcome.sawBye()
              ? "the retry did not run it"
              : "its container " + exit.description() + " before the test finished";
      relay.retried(containers.count(), outcome, notRun);
    }
  }

  /** Whether the container ended without its agent saying bye, or with an unexpected status. */
  static boolean endedUnfinished(EventRelay relay, ExitStatus exit) {
    return !relay.sawBye() || !(exit.isSuccess() || exit.exitCode() == 1);
  }
}
