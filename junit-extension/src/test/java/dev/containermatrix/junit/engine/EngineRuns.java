package dev.containermatrix.junit.engine;

import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Condition;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The engine run with {@link EngineTestKit} as the engine tests run it, and the checks they share
 * on its events and its report.json.
 */
final class EngineRuns {
  private EngineRuns() {}

  /**
   * The engine on {@code backend}, writing its reports to {@code reports}, with the build's
   * implicit configuration (the archive dir comes as a surefire system property); the caller adds
   * selectors and parameters, then executes.
   */
  static EngineTestKit.Builder engine(Path reports, String backend) {
    return EngineTestKit.engine(ContainerMatrixTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(true)
        .configurationParameter("containermatrix.report.dir", reports.toString())
        .configurationParameter("containermatrix.backend", backend);
  }

  /**
   * The engine on the native backend archiving into {@code archive}, with {@code parameters} (a
   * replay's, say) on top: how the archive and replay tests run their fixtures.
   */
  static EngineExecutionResults archiving(
      Path archive, Path reports, Map<String, String> parameters, Class<?> fixture) {
    return EngineTestKit.engine(ContainerMatrixTestEngine.ENGINE_ID)
        .configurationParameter("containermatrix.report.dir", reports.toString())
        .configurationParameter("containermatrix.backend", "native")
        .configurationParameter("containermatrix.archive.dir", archive.toString())
        .configurationParameters(parameters)
        .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture))
        .execute();
  }

  /** The report.json a run wrote to {@code reports}. */
  static JsonNode report(Path reports) throws IOException {
    return new ObjectMapper().readTree(reports.resolve("report.json").toFile());
  }

  /** An event of a variant's node. */
  static Condition<Event> variantNode() {
    return new Condition<>(
        e -> e.getTestDescriptor() instanceof VariantDescriptor, "a variant's node");
  }

  /**
   * A variant's node that finished with a {@link VariantFailedException} whose message starts with
   * {@code reason}.
   */
  static Condition<Event> variantFailedWith(String reason) {
    return event(
        variantNode(),
        finishedWithFailure(
            instanceOf(VariantFailedException.class), message(m -> m.startsWith(reason))));
  }

  /**
   * The run started no test, and {@code matrixClass}'s node failed once, with a failure that meets
   * every one of {@code failure}.
   */
  @SafeVarargs
  static void assertClassFailedAndNothingStarted(
      EngineExecutionResults results, Class<?> matrixClass, Condition<Throwable>... failure) {
    results.testEvents().assertStatistics(s -> s.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(container(matrixClass), finishedWithFailure(failure)));
  }

  /**
   * One variant failed, with a message starting with {@code reason}, and nothing else: no test
   * failed, and its one unfinished test was aborted "did not finish: " for the same reason.
   */
  static void assertVariantFailedAndItsTestAborted(EngineExecutionResults results, String reason) {
    results.containerEvents().assertThatEvents().haveExactly(1, variantFailedWith(reason));
    results.containerEvents().assertStatistics(s -> s.failed(1));
    results.testEvents().assertStatistics(s -> s.failed(0).aborted(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                abortedWithReason(message(m -> m.startsWith("did not finish: " + reason)))));
  }
}
