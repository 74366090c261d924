package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.engine.report.TestFailure;
import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.EventChannelServer;
import dev.containermatrix.junit.channel.RemoteFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What the host's JUnit tree sees of one agent's events: {@link EventRelay} fed the events a
 * Jupiter run inside a variant sends, decoded (built here as {@code AgentEventDecoder} builds them,
 * or sent as JSON lines through a real {@link EventChannelServer}), recorded by a real {@link
 * EngineExecutionListener}.
 */
class EventRelayTest {
  private static final String VARIANT_NAME = "jdk=25, tz=kolkata";
  private static final String CLASS = "[engine:junit-jupiter]/[class:demo.ZoneTest]";
  private static final String WHOLE = CLASS + "/[method:offsetIsWhole()]";
  private static final String WORKS = CLASS + "/[method:works()]";
  private static final String INNER = CLASS + "/[nested-class:Inner]";
  private static final String FIRST = INNER + "/[method:first()]";
  private static final String SECOND = INNER + "/[method:second()]";

  private final VariantNode variant =
      new VariantNode(
          UniqueId.forEngine("container-matrix")
              .append("class", "demo.ZoneTest")
              .append("variant", "0123456789ab"));
  private final RecordingListener recorded = new RecordingListener();
  private final EventRelay relay =
      new EventRelay(variant, recorded, VARIANT_NAME, "logs/ZoneTest/jdk=25");

  @Test
  void registersEachNodeDynamicallyUnderTheVariantNodeWithItsSourceAndTheVariantInItsName() {
    registerTree();

    assertThat(recorded.lines)
        .containsExactly(
            "registered offsetIsWhole()",
            "registered works()",
            "registered Inner",
            "registered first()",
            "registered second()");
    assertThat(variant.getChildren())
        .extracting(TestDescriptor::getUniqueId)
        .containsExactly(
            variant.getUniqueId().append("method", "offsetIsWhole()"),
            variant.getUniqueId().append("method", "works()"),
            variant.getUniqueId().append("nested-class", "Inner"));
    TestDescriptor whole = recorded.node("offsetIsWhole()");
    assertThat(whole.getParent()).contains(variant);
    assertThat(whole.getSource()).contains(MethodSource.from("demo.ZoneTest", "offsetIsWhole", ""));
    assertThat(whole.getType()).isEqualTo(TestDescriptor.Type.TEST);
    assertThat(whole.getLegacyReportingName()).isEqualTo("offsetIsWhole()[jdk=25, tz=kolkata]");
    TestDescriptor inner = recorded.node("Inner");
    assertThat(inner.getLegacyReportingName()).as("a container keeps its name").isEqualTo("Inner");
    assertThat(recorded.node("first()").getParent()).contains(inner);
    assertThat(recorded.node("first()").getUniqueId())
        .isEqualTo(
            variant.getUniqueId().append("nested-class", "Inner").append("method", "first()"));
    assertThat(relay.broken()).isEmpty();
  }

  @Test
  void relaysStartsAndFinishesInTheAgentsOrderAndNeverStartsOrFinishesTheVariantNodeItself() {
    registerTree();
    recorded.lines.clear();

    feed(
        new AgentEvent.Started(CLASS),
        new AgentEvent.Started(WHOLE),
        finished(WHOLE, Status.SUCCESSFUL),
        new AgentEvent.Started(INNER),
        new AgentEvent.Started(FIRST),
        new AgentEvent.Started(WORKS),
        finished(FIRST, Status.SUCCESSFUL),
        finished(WORKS, Status.SUCCESSFUL),
        new AgentEvent.Started(SECOND),
        finished(SECOND, Status.SUCCESSFUL),
        finished(INNER, Status.SUCCESSFUL),
        finished(CLASS, Status.SUCCESSFUL),
        new AgentEvent.Bye(4, 4, 0, 0, 0, 0));

    assertThat(recorded.lines)
        .containsExactly(
            "started offsetIsWhole()",
            "finished offsetIsWhole() SUCCESSFUL",
            "started Inner",
            "started first()",
            "started works()",
            "finished first() SUCCESSFUL",
            "finished works() SUCCESSFUL",
            "started second()",
            "finished second() SUCCESSFUL",
            "finished Inner SUCCESSFUL");
    assertThat(relay.passed()).isEqualTo(4);
    assertThat(relay.failed()).isZero();
    assertThat(relay.skipped()).isZero();
    assertThat(relay.failures()).isEmpty();
    assertThat(relay.sawBye()).isTrue();
    assertThat(relay.engineFailure()).isEmpty();
    assertThat(relay.broken()).isEmpty();
  }

  @Test
  void aFailedAssertionKeepsItsTypeAndExpectedAndActualAndItsMessageStartsWithTheVariantName() {
    registerTree();
    StackTraceElement frame = new StackTraceElement("demo.ZoneTest", "offsetIsWhole", "Z.java", 12);

    feed(
        new AgentEvent.Started(WHOLE),
        new AgentEvent.Finished(
            WHOLE,
            Status.FAILED,
            Optional.of(
                new RemoteFailure(
                    "org.opentest4j.AssertionFailedError",
                    Optional.of("expected: <0> but was: <1800000>"),
                    true,
                    Optional.of("0"),
                    Optional.of("1800000"),
                    List.of(frame),
                    Optional.empty(),
                    List.of()))));

    TestExecutionResult result = recorded.result("offsetIsWhole()");
    assertThat(result.getStatus()).isEqualTo(Status.FAILED);
    Throwable failure = result.getThrowable().orElseThrow();
    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessage("[jdk=25, tz=kolkata] expected: <0> but was: <1800000>");
    assertThat(failure.getStackTrace()).containsExactly(frame);
    assertThat(failure).isInstanceOf(AssertionFailedError.class);
    AssertionFailedError assertion = (AssertionFailedError) failure;
    assertThat(assertion.getExpected().getStringRepresentation()).isEqualTo("0");
    assertThat(assertion.getActual().getStringRepresentation()).isEqualTo("1800000");
    assertThat(relay.failed()).isEqualTo(1);
    assertThat(relay.failures())
        .containsExactly(
            new TestFailure(
                "demo.ZoneTest#offsetIsWhole()",
                "expected: <0> but was: <1800000>",
                "logs/ZoneTest/jdk=25"));
  }

  @Test
  void failuresNameTheTestOrContainerCapTheMessageAndPointAtTheVariantsLogs() {
    registerTree();
    String template = CLASS + "/[test-template:works(int)]";
    String second = template + "/[test-template-invocation:#2]";
    feed(
        registered(template, CLASS, "works(int)", "works(int)", TestDescriptor.Type.CONTAINER),
        registered(second, template, "[2] 7", "works(int)[2]", TestDescriptor.Type.TEST));
    String lines = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7";
    String long1500 = "y".repeat(1500);

    feed(
        new AgentEvent.Started(WHOLE),
        new AgentEvent.Finished(WHOLE, Status.FAILED, Optional.of(exception(lines))),
        new AgentEvent.Started(WORKS),
        new AgentEvent.Finished(WORKS, Status.FAILED, Optional.of(assertion(long1500))),
        new AgentEvent.Started(template),
        new AgentEvent.Started(second),
        new AgentEvent.Finished(second, Status.FAILED, Optional.of(assertion("boom"))),
        new AgentEvent.Started(INNER),
        new AgentEvent.Started(FIRST),
        new AgentEvent.Finished(FIRST, Status.FAILED, Optional.empty()),
        new AgentEvent.Finished(INNER, Status.FAILED, Optional.of(exception("@BeforeAll threw"))));

    assertThat(relay.failures())
        .containsExactly(
            new TestFailure(
                "demo.ZoneTest#offsetIsWhole()",
                "java.lang.IllegalStateException: line 1\nline 2\nline 3\nline 4\nline 5 […]",
                "logs/ZoneTest/jdk=25"),
            new TestFailure(
                "demo.ZoneTest#works()", "y".repeat(1000) + " […]", "logs/ZoneTest/jdk=25"),
            new TestFailure("demo.ZoneTest#works(int)[2]", "boom", "logs/ZoneTest/jdk=25"),
            new TestFailure(
                "demo.ZoneTest$Inner#first()",
                "(no message: the test failed without a throwable)",
                "logs/ZoneTest/jdk=25"),
            new TestFailure(
                "demo.ZoneTest$Inner",
                "java.lang.IllegalStateException: @BeforeAll threw",
                "logs/ZoneTest/jdk=25"));
    assertThat(relay.failed()).as("four tests and one container").isEqualTo(5);
    assertThat(relay.broken()).isEmpty();
  }

  @Test
  void aSkippedContainerCountsItsTestsAndAnAbortedTestCountsAsSkipped() {
    registerTree();

    feed(
        new AgentEvent.Started(WHOLE),
        new AgentEvent.Finished(
            WHOLE,
            Status.ABORTED,
            Optional.of(
                new RemoteFailure(
                    "org.opentest4j.TestAbortedException",
                    Optional.of("Assumption failed: not in this zone"),
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    List.of()))),
        new AgentEvent.Started(WORKS),
        finished(WORKS, Status.SUCCESSFUL),
        new AgentEvent.Skipped(INNER, "Inner is @Disabled"),
        finished(CLASS, Status.SUCCESSFUL),
        new AgentEvent.Bye(4, 1, 0, 1, 2, 0));

    assertThat(recorded.lines)
        .containsSubsequence(
            "finished offsetIsWhole() ABORTED",
            "finished works() SUCCESSFUL",
            "skipped Inner: Inner is @Disabled")
        .noneMatch(line -> line.contains("first()") && !line.startsWith("registered"));
    assertThat(recorded.result("offsetIsWhole()").getThrowable().orElseThrow())
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("[jdk=25, tz=kolkata] Assumption failed: not in this zone");
    assertThat(relay.skipped()).as("one aborted, two skipped with Inner").isEqualTo(3);
    assertThat(relay.passed()).isEqualTo(1);
    assertThat(relay.failed()).isZero();
    assertThat(relay.failures()).isEmpty();
    assertThat(relay.broken()).as("the agent's tally agrees").isEmpty();
  }

  @Test
  void abortPendingAbortsExactlyTheUnfinishedTestsAndClosesOpenContainersChildrenFirst() {
    registerTree();
    feed(
        new AgentEvent.Started(WHOLE),
        finished(WHOLE, Status.SUCCESSFUL),
        new AgentEvent.Started(INNER),
        new AgentEvent.Started(FIRST));
    recorded.lines.clear();

    relay.abortPending("variant jdk=25, tz=kolkata timed out after 10 minutes");

    assertThat(recorded.lines)
        .containsExactly(
            "started works()",
            "started second()",
            "finished second() ABORTED",
            "finished first() ABORTED",
            "finished Inner SUCCESSFUL",
            "finished works() ABORTED");
    assertThat(recorded.result("first()").getThrowable().orElseThrow())
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("variant jdk=25, tz=kolkata timed out after 10 minutes");
    assertThat(relay.passed()).isEqualTo(1);
    assertThat(relay.skipped()).isEqualTo(3);
    assertThat(relay.failed()).isZero();

    recorded.lines.clear();
    relay.abortPending("again");
    assertThat(recorded.lines).as("nothing is left pending").isEmpty();
  }

  @Test
  void abortPendingLeavesTheTestsOfASkippedContainerAlone() {
    registerTree();
    feed(new AgentEvent.Skipped(INNER, "Inner is @Disabled"));
    recorded.lines.clear();

    relay.abortPending("variant jdk=25, tz=kolkata ran out of memory");

    assertThat(recorded.lines)
        .containsExactly(
            "started offsetIsWhole()",
            "started works()",
            "finished works() ABORTED",
            "finished offsetIsWhole() ABORTED");
    assertThat(relay.skipped()).as("two skipped with Inner, two aborted").isEqualTo(4);
  }

  @Test
  void aSecondFinishOfTheSameNodeBreaksTheStreamAndIsNotRelayed() {
    registerTree();
    feed(new AgentEvent.Started(WHOLE), finished(WHOLE, Status.SUCCESSFUL));
    recorded.lines.clear();

    feed(new AgentEvent.Finished(WHOLE, Status.FAILED, Optional.of(exception("late"))));

    assertThat(relay.broken())
        .contains(
            "node [engine:junit-jupiter]/[class:demo.ZoneTest]/[method:offsetIsWhole()] finished"
                + " after it had finished or been skipped already");
    assertThat(recorded.lines).isEmpty();
    assertThat(relay.passed()).isEqualTo(1);
    assertThat(relay.failed()).isZero();
    assertThat(relay.failures()).isEmpty();
  }

  @Test
  void anEventForANodeNeverRegisteredBreaksTheStreamAndReachesNoListener() {
    registerTree();
    recorded.lines.clear();

    feed(new AgentEvent.Started(CLASS + "/[method:ghost()]"), new AgentEvent.Started(WHOLE));

    assertThat(relay.broken())
        .contains(
            "an event names node [engine:junit-jupiter]/[class:demo.ZoneTest]/[method:ghost()],"
                + " which was never registered");
    assertThat(recorded.lines)
        .as("the events after it are still relayed")
        .containsExactly("started offsetIsWhole()");
  }

  @Test
  void aNodeWhoseParentWasNeverRegisteredBreaksTheStreamAndIsNotRegistered() {
    registerTree();
    recorded.lines.clear();

    feed(
        registered(
            "[engine:junit-jupiter]/[class:demo.Other]/[method:m()]",
            "[engine:junit-jupiter]/[class:demo.Other]",
            "m()",
            "m()",
            TestDescriptor.Type.TEST));

    assertThat(relay.broken())
        .contains(
            "node [engine:junit-jupiter]/[class:demo.Other]/[method:m()] names a parent that was"
                + " never registered, [engine:junit-jupiter]/[class:demo.Other]");
    assertThat(recorded.lines).isEmpty();
    assertThat(variant.getChildren()).hasSize(3);
  }

  @Test
  void aFinishWithoutAStartBreaksTheStreamAndTheHostStillSeesTheTestStartFirst() {
    registerTree();
    recorded.lines.clear();

    feed(finished(WHOLE, Status.SUCCESSFUL));

    assertThat(relay.broken())
        .contains(
            "node [engine:junit-jupiter]/[class:demo.ZoneTest]/[method:offsetIsWhole()] finished"
                + " without having started");
    assertThat(recorded.lines)
        .containsExactly("started offsetIsWhole()", "finished offsetIsWhole() SUCCESSFUL");
  }

  @Test
  void aByeWhoseTallyDiffersFromWhatWasRelayedBreaksTheStream() {
    registerTree();

    feed(
        new AgentEvent.Started(WHOLE),
        finished(WHOLE, Status.SUCCESSFUL),
        new AgentEvent.Bye(4, 4, 0, 0, 0, 0));

    assertThat(relay.sawBye()).isTrue();
    assertThat(relay.broken())
        .contains(
            "the agent counted 4 tests: 4 passed, 0 failed, 0 aborted, 0 skipped, 0 containers"
                + " failed, but what was relayed counts 4 tests: 1 passed, 0 failed, 0 aborted,"
                + " 0 skipped, 0 containers failed");
  }

  @Test
  void aFailedJupiterEngineRootIsTheVariantsEngineFailureAndNoTestsFailure() {
    registerTree();

    feed(
        new AgentEvent.Finished(
            "[engine:junit-jupiter]", Status.FAILED, Optional.of(exception("discovery failed"))));

    assertThat(relay.engineFailure().orElseThrow())
        .hasMessage("java.lang.IllegalStateException: [jdk=25, tz=kolkata] discovery failed");
    assertThat(relay.failures()).isEmpty();
    assertThat(relay.broken()).isEmpty();
  }

  @Test
  void jsonLinesThroughTheChannelReachTheTreeAndALineOverTheLimitBreaksTheStream(@TempDir Path dir)
      throws Exception {
    String overLong =
        "{\"type\":\"report\",\"x\":\"" + "x".repeat(EventChannelServer.MAX_LINE_BYTES);

    serve(
        dir,
        "{\"type\":\"registered\",\"id\":\""
            + CLASS
            + "\",\"parentId\":null,\"displayName\":\"ZoneTest\",\"legacyName\":\"demo.ZoneTest\","
            + "\"kind\":\"CONTAINER\",\"dynamic\":false,"
            + "\"source\":{\"type\":\"class\",\"className\":\"demo.ZoneTest\"}}",
        "{\"type\":\"registered\",\"id\":\""
            + WHOLE
            + "\",\"parentId\":\""
            + CLASS
            + "\",\"displayName\":\"offsetIsWhole()\",\"legacyName\":\"offsetIsWhole()\","
            + "\"kind\":\"TEST\",\"dynamic\":false,\"source\":{\"type\":\"method\","
            + "\"className\":\"demo.ZoneTest\",\"methodName\":\"offsetIsWhole\"}}",
        "{\"type\":\"started\",\"id\":\"" + WHOLE + "\"}",
        overLong,
        "{\"type\":\"finished\",\"id\":\""
            + WHOLE
            + "\",\"status\":\"SUCCESSFUL\",\"failure\":null}");

    assertThat(recorded.lines)
        .as("the lines around the over-long one are relayed")
        .containsExactly(
            "registered offsetIsWhole()",
            "started offsetIsWhole()",
            "finished offsetIsWhole() SUCCESSFUL");
    assertThat(relay.broken().orElseThrow())
        .startsWith(
            "line 4 is over 4 MiB (4,194,304 bytes): it has "
                + String.format(java.util.Locale.ROOT, "%,d", overLong.length())
                + " bytes: \"{\"type\":\"report\",\"x\":\"xxx");
  }

  @Test
  void aLineThatIsNoEventBreaksTheStream(@TempDir Path dir) throws Exception {
    serve(dir, "{\"type\":\"started\"}");

    assertThat(relay.broken())
        .contains(
            "line 1 is no valid event (field 'id' is missing or not a string):"
                + " \"{\"type\":\"started\"}\"");
  }

  /** The class, two methods, and a nested class with two methods, as the agent registers them. */
  private void registerTree() {
    feed(
        registered(CLASS, null, "ZoneTest", "demo.ZoneTest", TestDescriptor.Type.CONTAINER),
        registered(WHOLE, CLASS, "offsetIsWhole()", "offsetIsWhole()", TestDescriptor.Type.TEST),
        registered(WORKS, CLASS, "works()", "works()", TestDescriptor.Type.TEST),
        registered(INNER, CLASS, "Inner", "Inner", TestDescriptor.Type.CONTAINER),
        registered(FIRST, INNER, "first()", "first()", TestDescriptor.Type.TEST),
        registered(SECOND, INNER, "second()", "second()", TestDescriptor.Type.TEST));
  }

  @Test
  void aHeldFailureAndTheContainerAboveItFinishOnlyWhenReleasedTheTestFirst() {
    relay.holdFailedTests();
    registerTree();
    recorded.lines.clear();

    feed(
        new AgentEvent.Started(CLASS),
        new AgentEvent.Started(INNER),
        new AgentEvent.Started(FIRST),
        new AgentEvent.Finished(FIRST, Status.FAILED, Optional.of(assertion("boom"))),
        new AgentEvent.Started(SECOND),
        finished(SECOND, Status.SUCCESSFUL),
        finished(INNER, Status.SUCCESSFUL));

    assertThat(recorded.lines)
        .containsExactly(
            "started Inner", "started first()", "started second()", "finished second() SUCCESSFUL");
    assertThat(relay.heldTests()).containsExactly(FIRST);
    assertThat(relay.failed()).isZero();

    relay.releaseHeld();

    assertThat(recorded.lines).endsWith("finished first() FAILED", "finished Inner SUCCESSFUL");
    assertThat(relay.failed()).isEqualTo(1);
    assertThat(relay.failures()).extracting(TestFailure::message).containsExactly("boom");
  }

  @Test
  void aHeldFailureThatPassesOnARetryPassesWithAFlakyEntryAndCountsAsPassed() {
    relay.holdFailedTests();
    registerTree();
    feed(
        new AgentEvent.Started(CLASS),
        new AgentEvent.Started(WHOLE),
        new AgentEvent.Finished(WHOLE, Status.FAILED, Optional.of(assertion("boom"))));
    recorded.lines.clear();
    RetryAttempt retry = new RetryAttempt();
    retry.onEvent(finished(WHOLE, Status.SUCCESSFUL));

    relay.retried(2, retry, "not run");
    relay.releaseHeld();

    assertThat(recorded.lines)
        .containsExactly(
            "report offsetIsWhole() {flaky=failed on attempt 1 (boom), passed on attempt 2}",
            "finished offsetIsWhole() SUCCESSFUL");
    assertThat(relay.passed()).isEqualTo(1);
    assertThat(relay.failed()).isZero();
    assertThat(relay.flaky()).hasSize(1);
  }

  @Test
  void aVariantAllowedToFailAbortsEachFailureWithTheFailureAsCause() {
    relay.allowFailures("tz=kolkata");
    registerTree();

    feed(
        new AgentEvent.Started(CLASS),
        new AgentEvent.Started(WHOLE),
        new AgentEvent.Finished(WHOLE, Status.FAILED, Optional.of(assertion("boom"))));

    TestExecutionResult result = recorded.result("offsetIsWhole()");
    assertThat(result.getStatus()).isEqualTo(Status.ABORTED);
    assertThat(result.getThrowable().orElseThrow())
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("[jdk=25, tz=kolkata] boom")
        .cause()
        .isInstanceOf(AssertionError.class)
        .hasMessage("[jdk=25, tz=kolkata] boom");
    assertThat(relay.failed()).as("the report keeps the real count").isEqualTo(1);
  }

  @Test
  void theRunningTestsAreThoseStartedAndNotFinished() {
    registerTree();

    feed(
        new AgentEvent.Started(CLASS),
        new AgentEvent.Started(WHOLE),
        finished(WHOLE, Status.SUCCESSFUL),
        new AgentEvent.Started(INNER),
        new AgentEvent.Started(FIRST));

    assertThat(relay.running()).containsExactly("demo.ZoneTest$Inner#first()");
  }

  private void feed(AgentEvent... events) {
    for (AgentEvent event : events) {
      relay.onEvent(event);
    }
  }

  /** Sends {@code lines} as an agent does, through a real channel, to the relay. */
  private void serve(Path dir, String... lines) throws Exception {
    try (EventChannelServer server = EventChannelServer.open(dir.resolve("c.sock"))) {
      CompletableFuture<Void> agent =
          CompletableFuture.runAsync(
              () -> {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                  channel.connect(UnixDomainSocketAddress.of(server.socketPath()));
                  OutputStream out = Channels.newOutputStream(channel);
                  for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                  }
                  out.flush();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      server.serve(relay);
      agent.join();
    }
  }

  private static AgentEvent.Registered registered(
      String id,
      @Nullable String parent,
      String displayName,
      String legacyName,
      TestDescriptor.Type kind) {
    TestSource source;
    UniqueId.Segment last = UniqueId.parse(id).getLastSegment();
    if (last.getType().equals("method")) {
      String className =
          id.contains("nested-class:Inner") ? "demo.ZoneTest$Inner" : "demo.ZoneTest";
      source = MethodSource.from(className, last.getValue().replace("()", ""), "");
    } else if (last.getType().equals("nested-class")) {
      source = ClassSource.from("demo.ZoneTest$" + last.getValue());
    } else if (last.getType().equals("class")) {
      source = ClassSource.from(last.getValue());
    } else {
      source = MethodSource.from("demo.ZoneTest", "works", "int");
    }
    return new AgentEvent.Registered(
        id, Optional.ofNullable(parent), displayName, legacyName, kind, false, Optional.of(source));
  }

  private static AgentEvent.Finished finished(String id, Status status) {
    return new AgentEvent.Finished(id, status, Optional.empty());
  }

  private static RemoteFailure exception(String message) {
    return new RemoteFailure(
        "java.lang.IllegalStateException",
        Optional.of(message),
        false,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        List.of());
  }

  private static RemoteFailure assertion(String message) {
    return new RemoteFailure(
        "java.lang.AssertionError",
        Optional.of(message),
        true,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        List.of());
  }

  /** The host's node of one variant; the relay hangs the mirrored tree below it. */
  private static final class VariantNode extends AbstractTestDescriptor {
    VariantNode(UniqueId id) {
      super(id, "[" + VARIANT_NAME + "]");
    }

    @Override
    public Type getType() {
      return Type.CONTAINER;
    }
  }

  /** Records what the host's JUnit tree is told, one line per call, by display name. */
  private static final class RecordingListener implements EngineExecutionListener {
    final List<String> lines = new ArrayList<>();
    private final Map<String, TestDescriptor> nodes = new LinkedHashMap<>();
    private final Map<String, TestExecutionResult> results = new LinkedHashMap<>();

    @Override
    public void dynamicTestRegistered(TestDescriptor d) {
      nodes.put(d.getDisplayName(), d);
      lines.add("registered " + d.getDisplayName());
    }

    @Override
    public void executionStarted(TestDescriptor d) {
      lines.add("started " + d.getDisplayName());
    }

    @Override
    public void executionSkipped(TestDescriptor d, String reason) {
      lines.add("skipped " + d.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestDescriptor d, TestExecutionResult result) {
      results.put(d.getDisplayName(), result);
      lines.add("finished " + d.getDisplayName() + " " + result.getStatus());
    }

    @Override
    public void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
      lines.add("report " + d.getDisplayName() + " " + entry.getKeyValuePairs());
    }

    TestDescriptor node(String displayName) {
      return nodes.get(displayName);
    }

    TestExecutionResult result(String displayName) {
      return results.get(displayName);
    }
  }
}
