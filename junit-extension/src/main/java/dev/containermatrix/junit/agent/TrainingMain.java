package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;

/**
 * The training run of a class-data archive: does what a variant's {@link AgentMain} does (the
 * Jupiter engine through the Launcher API, every event encoded as a channel line) over {@link
 * TrainingSample}, a small class shipped here, and discards the lines. Started with {@code
 * -XX:ArchiveClassesAtExit} or {@code -XX:AOTCacheOutput}, its JVM then writes the archive as it
 * exits.
 *
 * <p>Usage: {@code java -cp <shared jars> dev.containermatrix.junit.agent.TrainingMain}. Exit code
 * {@code 0} when the sample's tests all passed, else {@code 1} with the reason on stderr.
 */
@API(status = INTERNAL, since = "0.1")
public final class TrainingMain {

  private TrainingMain() {}

  public static void main(String[] args) {
    // the lines are built as on a real channel, then dropped: the archive should hold the encoder too
    EventEncoder.hello();
    AgentListener listener = new AgentListener(line -> { });
    AgentMain.launcher().execute(LauncherExecutionRequestBuilder.executionRequest(
            AgentMain.discoveryRequest(List.of(DiscoverySelectors.selectClass(TrainingSample.class))))
        .listeners(listener)
        .build());
    EventEncoder.bye(listener.tally());
    AgentTally tally = listener.tally();
    if (tally.exitCode() != 0 || tally.found() == 0) {
      System.err.println("containermatrix training: the sample's tests did not all pass (found " + tally.found()
          + ", succeeded " + tally.succeeded() + "): the archive may miss classes; the variants still run");
      System.exit(1);
    }
    System.exit(0);
  }
}
