package dev.containermatrix.junit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.AgentEvent.Bye;
import dev.containermatrix.junit.channel.AgentEvent.Finished;
import dev.containermatrix.junit.channel.AgentEvent.Hello;
import dev.containermatrix.junit.channel.AgentEvent.Registered;
import dev.containermatrix.junit.channel.AgentEvent.Report;
import dev.containermatrix.junit.channel.AgentEvent.Skipped;
import dev.containermatrix.junit.channel.AgentEvent.Started;
import dev.containermatrix.junit.channel.RemoteException;
import dev.containermatrix.junit.channel.RemoteFailure;
import dev.containermatrix.junit.channel.RemoteThrowables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.opentest4j.AssertionFailedError;

class AgentMainTest {
  private static final String FIXTURE = "dev.containermatrix.junit.agent.fixtures.ExampleFixture";
  private static final String FIXTURE_UID = "[engine:junit-jupiter]/[class:" + FIXTURE + "]";

  @TempDir Path dir;

  /** One run of the whole fixture class, asserted from several angles. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WholeClass {
    private ChildAgentJvm.Result run;

    @BeforeAll
    void runWholeFixture(@TempDir Path runDir) throws IOException {
      // concurrent, so that the listener is called from several threads at once
      List<String> parallel =
          List.of(
              "-Djunit.jupiter.execution.parallel.enabled=true",
              "-Djunit.jupiter.execution.parallel.mode.default=concurrent",
              "-Djunit.jupiter.execution.parallel.mode.classes.default=concurrent");
      try (ChildAgentJvm jvm = ChildAgentJvm.start(runDir, parallel, "class:" + FIXTURE)) {
        run = jvm.awaitExit();
      }
    }

    private ChildAgentJvm.Result run() {
      return run;
    }

    @Test
    void sendsHelloThenTheStaticPlanThenExecutionThenBye() throws IOException {
      List<AgentEvent> events = run().events();

      assertThat(events.get(0)).isInstanceOf(Hello.class);
      Hello hello = (Hello) events.get(0);
      assertThat(hello.javaHome()).isEqualTo(System.getProperty("java.home"));
      assertThat(hello.javaVersion()).isEqualTo(System.getProperty("java.version"));
      assertThat(hello.availableProcessors()).isPositive();
      int firstNonPlan = 1;
      while (events.get(firstNonPlan) instanceof Registered registered && !registered.dynamic()) {
        firstNonPlan++;
      }
      List<Registered> plan =
          events.subList(1, firstNonPlan).stream().map(Registered.class::cast).toList();
      assertThat(plan.get(0))
          .isEqualTo(
              new Registered(
                  FIXTURE_UID,
                  Optional.empty(),
                  "ExampleFixture",
                  FIXTURE,
                  TestDescriptor.Type.CONTAINER,
                  false,
                  Optional.of(ClassSource.from(FIXTURE))));
      Set<String> seen = new HashSet<>();
      for (Registered node : plan) {
        node.parentId().ifPresent(parent -> assertThat(seen).contains(parent));
        seen.add(node.id());
      }
      assertThat(plan)
          .extracting(Registered::legacyName)
          .containsExactlyInAnyOrder(
              FIXTURE,
              "passes()",
              "failsComparing()",
              "throwsWithCauseAndSuppressed()",
              "abortsOnAssumption()",
              "disabled()",
              "publishesReportEntry(TestReporter)",
              "printsToStdout()",
              "twoDynamicTests()",
              FIXTURE + "$Inner",
              "innerPasses()",
              "innerFails()");
      assertThat(events.subList(firstNonPlan, events.size()))
          .noneMatch(event -> event instanceof Registered registered && !registered.dynamic())
          .noneMatch(AgentEvent.Garbled.class::isInstance);
      assertThat(events.get(events.size() - 1)).isEqualTo(new Bye(11, 6, 3, 1, 1, 0));
      assertThat(run().exitCode()).isEqualTo(1);
    }

    @Test
    void carriesMethodSourcesOfTests() throws IOException {
      assertThat(registered("failsComparing()").source())
          .contains(MethodSource.from(FIXTURE, "failsComparing", ""));
      assertThat(registered("failsComparing()").kind()).isEqualTo(TestDescriptor.Type.TEST);
      assertThat(registered("twoDynamicTests()").kind()).isEqualTo(TestDescriptor.Type.CONTAINER);
      assertThat(registered("innerPasses()").parentId())
          .contains(registered(FIXTURE + "$Inner").id());
    }

    @Test
    void carriesExpectedAndActualOfAssertionFailures() throws IOException {
      RemoteFailure failure = finished(registered("failsComparing()").id()).failure().orElseThrow();

      assertThat(failure.className()).isEqualTo("org.opentest4j.AssertionFailedError");
      assertThat(failure.message()).contains("expected: <a> but was: <b>");
      assertThat(failure.assertion()).isTrue();
      assertThat(failure.expected()).contains("a");
      assertThat(failure.actual()).contains("b");
      assertThat(failure.stack())
          .contains(new StackTraceElement(FIXTURE, "failsComparing", "ExampleFixture.java", 24));
      Throwable rebuilt = RemoteThrowables.rebuild(failure);
      assertThat(rebuilt).isInstanceOf(AssertionError.class);
      assertThat(((AssertionFailedError) rebuilt).getExpected().getStringRepresentation())
          .isEqualTo("a");
    }

    @Test
    void carriesExceptionsWithCauseAndSuppressed() throws IOException {
      Finished finished = finished(registered("throwsWithCauseAndSuppressed()").id());
      RemoteFailure failure = finished.failure().orElseThrow();

      assertThat(finished.status()).isEqualTo(Status.FAILED);
      assertThat(failure.className()).isEqualTo("java.lang.IllegalStateException");
      assertThat(failure.assertion()).isFalse();
      assertThat(failure.expected()).isEmpty();
      assertThat(failure.cause().orElseThrow().message()).contains("disk full");
      assertThat(failure.suppressed())
          .extracting(RemoteFailure::className, RemoteFailure::message)
          .containsExactly(tuple("java.lang.IllegalArgumentException", Optional.of("also this")));
      Throwable rebuilt = RemoteThrowables.rebuild(failure);
      assertThat(rebuilt)
          .isInstanceOf(RemoteException.class)
          .isNotInstanceOf(AssertionError.class)
          .hasToString("java.lang.IllegalStateException: boom");
      assertThat(rebuilt.getCause()).hasMessage("java.io.IOException: disk full");
    }

    @Test
    void reportsAbortedSkippedAndReportEntries() throws IOException {
      Finished aborted = finished(registered("abortsOnAssumption()").id());
      assertThat(aborted.status()).isEqualTo(Status.ABORTED);
      assertThat(aborted.failure().orElseThrow().className())
          .isEqualTo("org.opentest4j.TestAbortedException");
      assertThat(aborted.failure().orElseThrow().message())
          .contains("Assumption failed: not on this host");

      assertThat(run().events()).contains(new Skipped(registered("disabled()").id(), "not today"));

      Report report =
          run().events().stream()
              .filter(Report.class::isInstance)
              .map(Report.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(report.id()).isEqualTo(registered("publishesReportEntry(TestReporter)").id());
      assertThat(report.entries()).isEqualTo(Map.of("answer", "42"));
    }

    @Test
    void registersDynamicTestsBeforeTheyStart() throws IOException {
      String factory = registered("twoDynamicTests()").id();
      List<AgentEvent> events = run().events();
      List<Registered> dynamic =
          events.stream()
              .filter(event -> event instanceof Registered registered && registered.dynamic())
              .map(Registered.class::cast)
              .toList();

      assertThat(dynamic).extracting(Registered::displayName).containsExactly("first", "second");
      assertThat(dynamic).allSatisfy(node -> assertThat(node.parentId()).contains(factory));
      for (Registered node : dynamic) {
        assertThat(events.indexOf(node)).isLessThan(events.indexOf(new Started(node.id())));
        assertThat(finished(node.id()).status()).isEqualTo(Status.SUCCESSFUL);
      }
    }

    @Test
    void leavesTestOutputOnTheJvmsStdout() throws IOException {
      assertThat(run().stdout())
          .isEqualTo("fixture says \"hi\" on stdout" + System.lineSeparator());
    }

    private Registered registered(String legacyName) {
      return run().events().stream()
          .filter(Registered.class::isInstance)
          .map(Registered.class::cast)
          .filter(node -> node.legacyName().equals(legacyName))
          .findFirst()
          .orElseThrow();
    }

    private Finished finished(String id) {
      return run().events().stream()
          .filter(Finished.class::isInstance)
          .map(Finished.class::cast)
          .filter(node -> node.id().equals(id))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void methodSelectorRunsOnlyThatMethod() throws IOException {
    try (ChildAgentJvm jvm =
        ChildAgentJvm.start(dir, List.of(), "method:" + FIXTURE + "#passes()")) {
      ChildAgentJvm.Result result = jvm.awaitExit();

      assertThat(startedIds(result))
          .containsExactly(FIXTURE_UID, FIXTURE_UID + "/[method:passes()]");
      assertThat(result.events().get(result.events().size() - 1))
          .isEqualTo(new Bye(1, 1, 0, 0, 0, 0));
      assertThat(result.exitCode()).isZero();
    }
  }

  @Test
  void uniqueIdSelectorOfANestedMethodRunsOnlyIt() throws IOException {
    String inner = FIXTURE_UID + "/[nested-class:Inner]";
    String innerFails = inner + "/[method:innerFails()]";
    try (ChildAgentJvm jvm = ChildAgentJvm.start(dir, List.of(), "uid:" + innerFails)) {
      ChildAgentJvm.Result result = jvm.awaitExit();

      assertThat(result.events())
          .filteredOn(Registered.class::isInstance)
          .map(event -> ((Registered) event).id())
          .containsExactly(FIXTURE_UID, inner, innerFails);
      assertThat(startedIds(result)).containsExactly(FIXTURE_UID, inner, innerFails);
      assertThat(result.events().get(result.events().size() - 1))
          .isEqualTo(new Bye(1, 0, 1, 0, 0, 0));
      assertThat(result.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void passesJunitSystemPropertiesToJupiterAsConfigurationParameters() throws IOException {
    try (ChildAgentJvm jvm =
        ChildAgentJvm.start(
            dir,
            List.of("-Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition"),
            "method:" + FIXTURE + "#disabled()")) {
      ChildAgentJvm.Result result = jvm.awaitExit();

      assertThat(result.events().get(result.events().size() - 1))
          .isEqualTo(new Bye(1, 1, 0, 0, 0, 0));
    }
  }

  @Test
  void reportsAFailingEngineRootAsFinishedUnderTheEngineId() throws IOException {
    try (ChildAgentJvm jvm = ChildAgentJvm.start(dir, List.of(), "class:does.not.Exist")) {
      ChildAgentJvm.Result result = jvm.awaitExit();

      assertThat(result.events()).filteredOn(Registered.class::isInstance).isEmpty();
      Finished engine = (Finished) result.events().get(result.events().size() - 2);
      assertThat(engine.id()).isEqualTo("[engine:junit-jupiter]");
      assertThat(engine.status()).isEqualTo(Status.FAILED);
      // JUnit 6 fails the engine itself (DiscoveryIssueException); on JUnit 5, which only warns,
      // the agent does
      assertThat(engine.failure().orElseThrow().className())
          .isIn(
              "org.junit.platform.launcher.core.DiscoveryIssueException",
              "java.lang.IllegalStateException");
      assertThat(engine.failure().orElseThrow().message().orElseThrow()).contains("does.not.Exist");
      assertThat(result.events().get(result.events().size() - 1))
          .isEqualTo(new Bye(0, 0, 0, 0, 0, 1));
      assertThat(result.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void haltsWhenTheHostClosesTheChannelBeforeBye() throws IOException {
    String sleeping = "dev.containermatrix.junit.agent.fixtures.SleepingFixture";
    try (ChildAgentJvm jvm = ChildAgentJvm.start(dir, List.of(), "class:" + sleeping)) {
      String test = "[engine:junit-jupiter]/[class:" + sleeping + "]/[method:sleepsForAMinute()]";
      await().atMost(Duration.ofMinutes(1)).until(() -> jvm.events().contains(new Started(test)));

      jvm.server().close();

      ProcessHandle handle = jvm.process().toHandle();
      await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isAlive());
      assertThat(jvm.process().exitValue()).isEqualTo(3);
    }
  }

  @Test
  void overAnInheritedDescriptorItSendsItsEventsThereAndHaltsWhenStdinEnds() throws Exception {
    // as a container whose files are copied starts it: fd 3 is the attached stdout, stdout goes
    // to stderr, and stdin's end is the host gone
    String sleeping = "dev.containermatrix.junit.agent.fixtures.SleepingFixture";
    ProcessBuilder builder =
        new ProcessBuilder(
            "/bin/sh",
            "-c",
            "exec \"$@\" 3>&1 1>&2",
            "sh",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            ChildAgentJvm.testClassPath(),
            AgentMain.class.getName(),
            "class:" + sleeping);
    builder.environment().put("CONTAINERMATRIX_CHANNEL", "fd:3");
    builder.redirectError(dir.resolve("stderr.log").toFile());
    Process process = builder.start();
    try (java.io.BufferedReader events =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String first = events.readLine();
      assertThat(first).contains("hello");
      String line;
      do {
        line = events.readLine();
      } while (line != null && !(line.contains("started") && line.contains("sleepsForAMinute")));
      assertThat(line).as("the test's start, on fd 3").isNotNull();

      process.getOutputStream().close();

      ProcessHandle handle = process.toHandle();
      await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isAlive());
      assertThat(process.exitValue()).isEqualTo(3);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void exitsWithUsageWhenGivenNoSelectors() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ChildAgentJvm.testClassPath(),
                AgentMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).isEqualTo(2);
    assertThat(output)
        .isEqualTo(
            "containermatrix agent: no selectors given\n"
                + AgentMain.USAGE
                + System.lineSeparator());
  }

  @Test
  void rejectsAnArgumentThatIsNotASelector() {
    StringBuilder err = new StringBuilder();

    assertThat(run(Map.of(), err, "class:a.B", "FooTest")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("containermatrix agent: 'FooTest' is not a discovery selector identifier\n");
  }

  @Test
  void namesTheVariableWhenTheChannelIsNotSet() {
    StringBuilder err = new StringBuilder();

    assertThat(run(Map.of(), err, "class:a.B")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "containermatrix agent: the environment variable CONTAINERMATRIX_CHANNEL is not set;"
                + " it must name the Unix domain socket the host listens on\n");
  }

  @Test
  void namesTheSocketWhenItCannotConnect() {
    StringBuilder err = new StringBuilder();
    String socket = dir.resolve("nobody-listens.sock").toString();

    assertThat(run(Map.of("CONTAINERMATRIX_CHANNEL", socket), err, "class:a.B")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "containermatrix agent: cannot connect to the host's event channel "
                + socket
                + " (from CONTAINERMATRIX_CHANNEL): ")
        .endsWith("; check that the host is listening and the socket is reachable from this JVM\n");
  }

  @Test
  void runsStandaloneWithoutAChannelPrintingEachTestAndASummary() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder err = new StringBuilder();
    int code;
    try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errors =
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
      code =
          AgentMain.runStandalone(
              new String[] {
                "method:" + FIXTURE + "#passes()", "method:" + FIXTURE + "#failsComparing()"
              },
              Map.of(
                  "CONTAINERMATRIX_VARIANT_NAME",
                  "jdk=17",
                  "CONTAINERMATRIX_VARIANT_ID",
                  "0123456789ab"),
              stream,
              errors);
    }

    assertThat(code).as("a failed test fails the standalone run").isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .contains(
            "containermatrix: standalone run of variant jdk=17 [0123456789ab], without a host"
                + " channel",
            "  PASSED passes()",
            "containermatrix: 2 tests: 1 passed, 1 failed, 0 aborted, 0 skipped")
        .anyMatch(
            line ->
                line.startsWith("  FAILED failsComparing(): org.opentest4j.AssertionFailedError"));
    assertThat(err).isEmpty();
  }

  @Test
  void standaloneRunRejectsAnArgumentThatIsNotASelector() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      assertThat(AgentMain.runStandalone(new String[] {"FooTest"}, Map.of(), System.out, errors))
          .isEqualTo(2);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("containermatrix agent: 'FooTest' is not a discovery selector identifier");
  }

  private static int run(Map<String, String> environment, StringBuilder err, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = AgentMain.run(args, environment, stream);
    }
    err.append(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    return code;
  }

  private static List<String> startedIds(ChildAgentJvm.Result result) {
    return result.events().stream()
        .filter(Started.class::isInstance)
        .map(event -> ((Started) event).id())
        .collect(Collectors.toList());
  }
}
