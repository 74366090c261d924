package dev.containermatrix.junit.agent;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Sends the run as channel events: first the whole static plan (pre-order; for a class matrix
 * without the engine root, so top-level classes have no parent; for a suite with each engine root
 * as a parentless node), then start/skip/finish, dynamic registrations and report entries as they
 * happen.
 *
 * <p>The engine root itself is never registered, started or reported as finished, except when it
 * finishes unsuccessfully (for example when discovery failed): then a {@code finished} event with
 * the engine root's id carries the failure, and the host must fail the variant with it.
 *
 * <p>Events reach {@code sink} in the order Jupiter reports them; {@code sink} must be thread-safe.
 */
final class AgentListener implements TestExecutionListener {
  private final Consumer<String> sink;
  private final boolean enginesAreNodes;
  private final AgentTally tally = new AgentTally();
  private volatile @Nullable TestPlan plan;

  /**
   * @param enginesAreNodes whether the engine roots are sent as nodes (a suite's several engines)
   *     or left out (a class matrix's Jupiter engine, whose class stands for the variant)
   */
  AgentListener(Consumer<String> sink, boolean enginesAreNodes) {
    this.sink = sink;
    this.enginesAreNodes = enginesAreNodes;
  }

  AgentListener(Consumer<String> sink) {
    this(sink, false);
  }

  AgentTally tally() {
    return tally;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    for (TestIdentifier engine : testPlan.getRoots()) {
      if (enginesAreNodes) {
        registerTree(testPlan, engine, null);
        continue;
      }
      for (TestIdentifier child : testPlan.getChildren(engine)) {
        registerTree(testPlan, child, null);
      }
    }
  }

  private void registerTree(TestPlan testPlan, TestIdentifier node, @Nullable String parentId) {
    sink.accept(EventEncoder.registered(node, parentId, false));
    if (node.isTest()) {
      tally.countFound(1);
    }
    for (TestIdentifier child : testPlan.getChildren(node)) {
      registerTree(testPlan, child, node.getUniqueId());
    }
  }

  @Override
  public void dynamicTestRegistered(TestIdentifier node) {
    sink.accept(EventEncoder.registered(node, node.getParentId().orElse(null), true));
    if (node.isTest()) {
      tally.countFound(1);
    }
  }

  @Override
  public void executionStarted(TestIdentifier node) {
    if (!isEngine(node)) {
      sink.accept(EventEncoder.started(node));
    }
  }

  @Override
  public void executionSkipped(TestIdentifier node, String reason) {
    if (isEngine(node)) {
      return;
    }
    sink.accept(EventEncoder.skipped(node, reason));
    TestPlan testPlan = plan;
    long tests = node.isTest() ? 1 : 0;
    if (testPlan != null) {
      tests += testPlan.getDescendants(node).stream().filter(TestIdentifier::isTest).count();
    }
    tally.countSkipped(tests);
  }

  @Override
  public void executionFinished(TestIdentifier node, TestExecutionResult result) {
    TestExecutionResult.Status status = result.getStatus();
    if (isEngine(node) && status == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    sink.accept(EventEncoder.finished(node, result));
    if (node.isTest()) {
      switch (status) {
        case SUCCESSFUL -> tally.countSucceeded();
        case FAILED -> tally.countFailed();
        case ABORTED -> tally.countAborted();
      }
    } else if (status == TestExecutionResult.Status.FAILED) {
      tally.countContainerFailed();
    }
  }

  @Override
  public void reportingEntryPublished(TestIdentifier node, ReportEntry entry) {
    sink.accept(EventEncoder.report(node, entry));
  }

  /** An engine root that is not sent as a node. */
  private boolean isEngine(TestIdentifier node) {
    return !enginesAreNodes && node.getParentId().isEmpty();
  }
}
