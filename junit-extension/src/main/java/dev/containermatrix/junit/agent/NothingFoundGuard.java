package dev.containermatrix.junit.agent;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Fails an engine that found no test for the agent's selectors, so that a variant that ran nothing
 * never passes. JUnit 6 already fails the engine when a selected class does not exist; JUnit 5 only
 * logs a warning and passes with no tests, so on JUnit 5 this guard turns the engine's successful
 * finish into a failure that names the selectors.
 */
final class NothingFoundGuard implements TestExecutionListener {
  private final TestExecutionListener delegate;
  private final List<String> selectors;

  private NothingFoundGuard(TestExecutionListener delegate, List<String> selectors) {
    this.delegate = delegate;
    this.selectors = List.copyOf(selectors);
  }

  /** {@code delegate} itself when {@code plan} has tests, else the guard around it. */
  static TestExecutionListener around(
      TestExecutionListener delegate, TestPlan plan, List<String> selectors) {
    return plan.containsTests() ? delegate : new NothingFoundGuard(delegate, selectors);
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
    if (engine && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      delegate.executionFinished(
          testIdentifier,
          TestExecutionResult.failed(
              new IllegalStateException(
                  "No test found for "
                      + String.join(", ", selectors)
                      + " on this variant's classpath: check that the class is compiled into the"
                      + " test classpath and has test methods (JUnit only warned about it)")));
      return;
    }
    delegate.executionFinished(testIdentifier, result);
  }

  @Override
  public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
    delegate.reportingEntryPublished(testIdentifier, entry);
  }
}
