package dev.containermatrix.junit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.AgentEvent.Bye;
import dev.containermatrix.junit.channel.AgentEvent.Finished;
import dev.containermatrix.junit.channel.EventChannelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.AssertionFailedError;

/**
 * The agent never sends a line over the channel's limit: it cuts texts and, if need be, failures.
 */
class OversizedEventsTest {
  private static final String FIXTURE =
      "dev.containermatrix.junit.agent.fixtures.HugeMessageFixture";
  private static final TestIdentifier NODE =
      TestIdentifier.from(
          new EngineDescriptor(UniqueId.forEngine("junit-jupiter").append("class", "a.B"), "B"));

  @TempDir Path dir;

  @Test
  void aFailureMessageOfTwentyMillionCharactersArrivesCutWithTheFailedTestAndTheTally()
      throws IOException {
    ChildAgentJvm.Result run;
    try (ChildAgentJvm jvm = ChildAgentJvm.start(dir, List.of(), "class:" + FIXTURE)) {
      run = jvm.awaitExit();
    }

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.events()).noneMatch(AgentEvent.Garbled.class::isInstance);
    Finished finished =
        run.events().stream()
            .filter(Finished.class::isInstance)
            .map(Finished.class::cast)
            .filter(f -> f.status() == TestExecutionResult.Status.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(finished.failure().orElseThrow().message())
        .contains("x".repeat(65_536) + "… [truncated 19,934,464 characters]");
    assertThat(run.events().get(run.events().size() - 1)).isEqualTo(new Bye(1, 0, 1, 0, 0, 0));
  }

  @Test
  void aFailureTooLargeEvenWithItsTextsCutIsSentCompact() {
    AssertionFailedError failure =
        new AssertionFailedError(
            "top " + "m".repeat(200_000), "e".repeat(200_000), "a".repeat(200_000));
    Throwable inner = failure;
    for (int i = 0; i < 16; i++) {
      Throwable cause = new IllegalStateException("\u0001".repeat(100_000));
      inner.initCause(cause);
      inner = cause;
    }

    String line = EventEncoder.finished(NODE, TestExecutionResult.failed(failure));

    assertThat(TextCap.utf8Bytes(line)).isLessThanOrEqualTo(EventChannelServer.MAX_LINE_BYTES);
    assertThat(line)
        .contains(
            "\"message\":\"top " + "m".repeat(4 * 1024 - 4) + "… [truncated 195,908 characters]\"")
        .contains("\"cause\":null");
  }

  @Test
  void theAgentCutsToTheSameLineLimitTheHostReads() {
    assertThat(EventEncoder.MAX_LINE_BYTES).isEqualTo(EventChannelServer.MAX_LINE_BYTES);
  }

  @Test
  void aReportEntryTooLargeEvenWithItsTextsCutIsReplacedBySayingSo() {
    java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.put("key" + i, "v".repeat(100_000));
    }

    String line =
        EventEncoder.report(NODE, org.junit.platform.engine.reporting.ReportEntry.from(entries));

    assertThat(TextCap.utf8Bytes(line)).isLessThanOrEqualTo(EventChannelServer.MAX_LINE_BYTES);
    assertThat(line)
        .containsPattern(
            "\"entries\":\\{\"containermatrix.dropped\":\"a report entry of [0-9,]{9} bytes,"
                + " over the event channel's limit of 4 MiB, was dropped\"}");
  }

  @Test
  void textIsCutAtTheLimitSayingHowMuchWasCut() {
    assertThat(TextCap.cap("abcdef", 6)).isEqualTo("abcdef");
    assertThat(TextCap.cap("abcdefgh", 6)).isEqualTo("abcdef… [truncated 2 characters]");
    assertThat(TextCap.cap("abcde\uD83D\uDE00x", 6)).isEqualTo("abcde… [truncated 3 characters]");
  }
}
