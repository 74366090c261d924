package dev.containermatrix.backend.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs {@link RootlessNativeConformance} with the JUnit Launcher; exits 0 only if tests ran and all
 * passed.
 */
public final class RootlessSuiteMain {
  private RootlessSuiteMain() {}

  public static void main(String[] args) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(RootlessNativeConformance.class))
                .build(),
            listener);
    var summary = listener.getSummary();
    summary.printTo(new PrintWriter(System.out, true));
    summary.printFailuresTo(new PrintWriter(System.out, true), 30);
    boolean passed =
        summary.getTestsFoundCount() > 0
            && summary.getTotalFailureCount() == 0
            && summary.getTestsSucceededCount() == summary.getTestsFoundCount();
    System.exit(passed ? 0 : 1);
  }
}
