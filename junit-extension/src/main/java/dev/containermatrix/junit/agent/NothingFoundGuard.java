package dev.containermatrix.junit.agent;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Fails the first engine of a run that found no test for the agent's selectors, so that a variant
 * that ran nothing never passes. JUnit 6 already fails the engine when a selected class does not
 * exist; JUnit 5 only logs a warning and passes with no tests, so on JUnit 5 this guard turns the
 * engine's successful finish into a failure that names the selectors.
 */
final class NothingFoundGuard implements TestExecutionListener {
  private final TestExecutionListener delegate;
  private final String message;
  private boolean failedOne;

  private NothingFoundGuard(TestExecutionListener delegate, String message) {
    this.delegate = delegate;
    this.message = message;
  }

  /**
   * {@code delegate} itself when {@code plan} has tests or an empty run is allowed ({@code why}
   * empty), else the guard around it, which fails the first engine that finishes with {@code why}.
   */
  static TestExecutionListener around(
      TestExecutionListener delegate, TestPlan plan, Optional<String> why) {
    return plan.containsTests() || why.isEmpty()
        ? delegate
        : new NothingFoundGuard(delegate, why.get());
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    delegate.testPlanExecutionStarted(testPlan);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    delegate.testPlanExecutionFinished(testPlan);
  }

  @Override
  public void dynamicTestRegistered(TestIdentifier testIdentifier) {
    delegate.dynamicTestRegistered(testIdentifier);
  }

  @Override
  public void executionSkipped(TestIdentifier testIdentifier, String reason) {
    delegate.executionSkipped(testIdentifier, reason);
  }

  @Override
  public void executionStarted(TestIdentifier testIdentifier) {
    delegate.executionStarted(testIdentifier);
  }

  @Override
  public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
    boolean engine = testIdentifier.getParentId().isEmpty();
    if (engine && !failedOne && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      failedOne = true;
      delegate.executionFinished(
          testIdentifier, TestExecutionResult.failed(new IllegalStateException(message)));
      return;
    }
    delegate.executionFinished(testIdentifier, result);
  }

  @Override
  public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
    delegate.reportingEntryPublished(testIdentifier, entry);
  }
}
