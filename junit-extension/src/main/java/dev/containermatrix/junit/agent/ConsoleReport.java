package dev.containermatrix.junit.agent;

import java.io.PrintStream;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints a standalone run's results, one line per test, for a variant run by hand (for example an
 * exported variant under {@code docker run}) where no host listens on a channel.
 */
final class ConsoleReport implements TestExecutionListener {
  private final PrintStream out;

  ConsoleReport(PrintStream out) {
    this.out = out;
  }

  /**
   * The first line: which variant this is, read from the variables the host set when it archived
   * it.
   */
  void header(Map<String, String> environment) {
    var variant = VariantVariables.read(environment);
    String name = variant.map(VariantVariables::name).orElse("");
    String id = variant.map(VariantVariables::id).orElse("");
    out.println(
        "containermatrix: standalone run of variant "
            + (name.isEmpty() ? "(unnamed)" : name)
            + (id.isEmpty() ? "" : " [" + id + "]")
            + ", without a host channel");
  }

  @Override
  public void executionSkipped(TestIdentifier node, String reason) {
    if (node.getParentId().isPresent()) {
      out.println("  SKIPPED " + path(node) + ": " + reason);
    }
  }

  @Override
  public void executionFinished(TestIdentifier node, TestExecutionResult result) {
    if (!node.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    String line =
        "  " + result.getStatus().name().replace("SUCCESSFUL", "PASSED") + " " + path(node);
    out.println(result.getThrowable().map(t -> line + ": " + t).orElse(line));
  }

  /** A summary line with the counts. */
  void summary(AgentTally tally) {
    out.println("containermatrix: " + tally.summary());
  }

  private static String path(TestIdentifier node) {
    return node.getLegacyReportingName();
  }
}
