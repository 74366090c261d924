package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.report.TestFailure;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.RemoteFailure;
import dev.containermatrix.junit.channel.RemoteThrowables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The failed tests an {@link EventRelay} holds back for a retry, and the containers whose finish
 * waits for them: what each retry attempt did to them, which turned out flaky, and their final
 * finish in the JUnit tree. Not thread-safe: its relay calls it only while holding its own lock.
 */
final class HeldTests {
  private final EngineExecutionListener listener;
  private final String variantName;
  private final String logs;
  private final BiConsumer<TestDescriptor, ClassTally.Outcome> count;
  private final Consumer<TestFailure> failed;
  private final Function<@org.jspecify.annotations.Nullable Throwable, TestExecutionResult>
      failedOrAllowed;
  private final Map<String, HeldTest> held = new LinkedHashMap<>();
  private final Map<TestDescriptor, TestExecutionResult> heldContainers = new LinkedHashMap<>();
  private final List<VariantReport.FlakyTest> flaky = new ArrayList<>();

  /**
   * @param variantName the variant's name, which prefixes every relayed failure's message
   * @param logs the variant's log directory relative to the report directory, as failures name it
   * @param count counts a test's final outcome in the relay's tally
   * @param failed keeps a test's final failure for the report
   * @param failedOrAllowed a failure as the JUnit tree gets it (aborted where failures are allowed)
   */
  HeldTests(
      EngineExecutionListener listener,
      String variantName,
      String logs,
      BiConsumer<TestDescriptor, ClassTally.Outcome> count,
      Consumer<TestFailure> failed,
      Function<@org.jspecify.annotations.Nullable Throwable, TestExecutionResult> failedOrAllowed) {
    this.listener = listener;
    this.variantName = variantName;
    this.logs = logs;
    this.count = count;
    this.failed = failed;
    this.failedOrAllowed = failedOrAllowed;
  }

  /** Holds back the finish of the failed test with this agent id. */
  void hold(String id, HeldTest test) {
    held.put(id, test);
  }

  /** Holds back the finish of {@code container} until no held test waits under it. */
  void holdContainer(TestDescriptor container, TestExecutionResult result) {
    heldContainers.put(container, result);
  }

  /** Whether a held test's finish waits under {@code container}. */
  boolean holdsUnder(TestDescriptor container) {
    Set<? extends TestDescriptor> descendants = container.getDescendants();
    return held.values().stream().anyMatch(h -> descendants.contains(h.node()))
        || heldContainers.keySet().stream().anyMatch(descendants::contains);
  }

  /** The agent ids of the failed tests held back for a retry, in the order they failed. */
  List<String> heldTests() {
    return List.copyOf(held.keySet());
  }

  /**
   * Takes in what retry number {@code attempt} (2 for the first retry) reported for the held tests:
   * a test that passed finishes now, successfully, with a {@code flaky} report entry; one that
   * failed again stays held with its new failure; one the retry did not run or finish stays held
   * with {@code notRun} as that attempt's note.
   */
  void retried(int attempt, RetryAttempt outcome, String notRun) {
    for (java.util.Iterator<Map.Entry<String, HeldTest>> it = held.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, HeldTest> e = it.next();
      HeldTest test = e.getValue();
      Optional<AgentEvent.Finished> finished = outcome.finished(e.getKey());
      if (finished.isPresent()
          && finished.get().status() == TestExecutionResult.Status.SUCCESSFUL) {
        it.remove();
        String first = test.messages().get(0);
        flaky.add(new VariantReport.FlakyTest(test.name(), attempt, first));
        listener.reportingEntryPublished(
            test.node(),
            ReportEntry.from("flaky", test.attemptsSoFar() + ", passed on attempt " + attempt));
        count.accept(test.node(), ClassTally.Outcome.PASSED);
        listener.executionFinished(test.node(), TestExecutionResult.successful());
      } else if (finished.isPresent()
          && finished.get().status() == TestExecutionResult.Status.FAILED) {
        Optional<RemoteFailure> remote = finished.get().failure();
        test.failedAgain(
            attempt,
            remote
                .map(r -> RemoteThrowables.rebuild(r.withMessagePrefix("[" + variantName + "]")))
                .orElse(null),
            remote
                .map(EventRelay::message)
                .orElse("(no message: the test failed without a throwable)"));
      } else {
        test.notRunAgain(attempt, notRun);
      }
    }
    finishHeldContainers();
  }

  /**
   * Finishes every test still held as failed (aborted where failures are allowed), with its last
   * failure and the earlier attempts' failures suppressed in it, then the containers above them.
   * Does nothing when nothing is held.
   */
  void releaseHeld() {
    for (Map.Entry<String, HeldTest> e : held.entrySet()) {
      HeldTest test = e.getValue();
      if (test.attempts() > 1) {
        listener.reportingEntryPublished(
            test.node(), ReportEntry.from("retries", test.attemptsSoFar()));
      }
      count.accept(test.node(), ClassTally.Outcome.FAILED);
      // the last failure's output is in its container's directory: attempt-<n>/ after the first
      String where =
          test.lastFailedAttempt() == 1 ? logs : logs + "/attempt-" + test.lastFailedAttempt();
      failed.accept(TestFailure.of(test.name(), test.lastMessage(), where));
      listener.executionFinished(test.node(), failedOrAllowed.apply(test.lastFailure()));
    }
    held.clear();
    finishHeldContainers();
  }

  /** Finishes each held container that no longer holds a test under it, innermost first. */
  private void finishHeldContainers() {
    for (TestDescriptor container : new ArrayList<>(heldContainers.keySet())) {
      if (!holdsUnder(container)) {
        listener.executionFinished(container, heldContainers.remove(container));
      }
    }
  }

  /** The tests that failed and then passed on a retry, in the order they passed. */
  List<VariantReport.FlakyTest> flaky() {
    return List.copyOf(flaky);
  }
}
