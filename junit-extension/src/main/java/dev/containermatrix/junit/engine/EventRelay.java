package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.report.TestFailure;
import dev.containermatrix.engine.report.VariantReport;
import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.AgentEventListener;
import dev.containermatrix.junit.channel.RemoteFailure;
import dev.containermatrix.junit.channel.RemoteThrowables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Replays one agent's events into the host's JUnit tree under a variant's node: every Jupiter node
 * becomes a {@link MirroredDescriptor}, registered dynamically, then started, skipped and finished
 * as it was inside. Counts the outcome for the report, and keeps each failed test's name and
 * message for it ({@link #failures()}).
 *
 * <p>Every relayed failure's message starts with the variant's name in brackets, e.g. {@code
 * [jdk=25, tz=kolkata] expected: 0 but was: 1800000}, so that a summary listing failures by class
 * and method (Surefire's) says which variant failed; the failure keeps its type and expected and
 * actual values.
 *
 * <p>Anything that makes the stream untrustworthy {@linkplain #broken() breaks} it, and the variant
 * then ends as {@code INFRA_ERROR}, never {@code PASSED}: a line that is no valid event or is over
 * the channel's limit, an event for a node never registered, a node that finishes without having
 * started (the host still sees it start first) or finishes again (not relayed), an exception while
 * relaying an event, or a {@code bye} whose tally differs from what was relayed. The first such
 * reason is kept; the events after it are still relayed as well as they can be.
 *
 * <p>A variant that {@linkplain #allowFailures allows failures} reports each failure as aborted,
 * with the original failure as the cause. A variant that {@linkplain #holdFailedTests retries}
 * holds back each failed test's finish (and the finish of the containers above it) until its
 * retries are done ({@link #retried}, {@link #releaseHeld}), so each test finishes once in the
 * JUnit tree, with its final outcome.
 */
final class EventRelay implements AgentEventListener {
  private final TestDescriptor variant;
  private final EngineExecutionListener listener;
  private final String variantName;
  private final String logs;
  private final boolean enginesAreNodes;
  private final Map<String, TestDescriptor> nodes = new LinkedHashMap<>();
  private final Map<String, String> legacyNames = new HashMap<>();
  private final List<TestFailure> failures = new ArrayList<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final RelayedTally tally = new RelayedTally();
  private final ClassTally classes = new ClassTally();
  private Optional<String> broken = Optional.empty();
  private volatile boolean sawBye;
  private volatile Optional<Throwable> engineFailure = Optional.empty();
  private final HeldTests held;
  private Optional<String> allowedBy = Optional.empty();
  private boolean holdFailedTests;
  private int container = 1;
  private volatile boolean reachedTheTree;
  private int passed;
  private int failed;
  private int skipped;

  /**
   * @param logs the variant's log directory relative to the report directory, as failures name it
   * @param listed the nodes listed under the variant at discovery, by the agent's id for them: the
   *     agent's registration of one of them is not relayed again
   * @param enginesAreNodes a suite's agent: its parentless nodes are engines, which go under the
   *     variant; else they are the matrix class, which the variant stands for
   */
  EventRelay(
      TestDescriptor variant,
      EngineExecutionListener listener,
      String variantName,
      String logs,
      Map<String, TestDescriptor> listed,
      boolean enginesAreNodes) {
    this.variant = variant;
    this.listener = listener;
    this.variantName = variantName;
    this.logs = logs;
    this.enginesAreNodes = enginesAreNodes;
    this.nodes.putAll(listed);
    this.held =
        new HeldTests(
            listener, variantName, logs, this::count, failures::add, this::failedOrAllowed);
  }

  EventRelay(
      TestDescriptor variant, EngineExecutionListener listener, String variantName, String logs) {
    this(variant, listener, variantName, logs, Map.of(), false);
  }

  /**
   * Reports every failure from now on as aborted, with the failure as its cause: the variant
   * matches the {@code allowFailures} entry {@code entry}.
   */
  synchronized void allowFailures(String entry) {
    allowedBy = Optional.of(entry);
  }

  /** Holds back the finish of each test that fails from now on, to retry it. */
  synchronized void holdFailedTests() {
    holdFailedTests = true;
  }

  /**
   * The variant's container whose agent this relay hears, counting from 1: more than 1 where
   * earlier containers failed before any test started and were replaced. Attempts are numbered by
   * container.
   */
  synchronized void relaysContainer(int number) {
    container = number;
  }

  @Override
  public synchronized void onEvent(AgentEvent event) {
    try {
      relay(event);
    } catch (RuntimeException e) {
      broke(
          "relaying "
              + event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + " event "
              + excerpt(String.valueOf(event))
              + " failed: "
              + e);
    }
  }

  private void relay(AgentEvent event) {
    tally.count(event);
    if ((event instanceof AgentEvent.Started st && nodes.get(st.id()) != variant)
        || event instanceof AgentEvent.Skipped
        || event instanceof AgentEvent.Finished
        || event instanceof AgentEvent.Report) {
      reachedTheTree = true;
    }
    if (event instanceof AgentEvent.Registered r) {
      register(r);
    } else if (event instanceof AgentEvent.Started s) {
      node(s.id())
          .filter(d -> started.add(s.id()))
          .ifPresent(
              d -> {
                listener.executionStarted(d);
                if (variant instanceof VariantDescriptor v) {
                  VariantEntries.testStarted(listener, d, v.plan().variant().values());
                }
              });
    } else if (event instanceof AgentEvent.Skipped s) {
      node(s.id())
          .ifPresent(
              d -> {
                done.add(s.id());
                if (d == variant) {
                  // the class itself is skipped inside (@Disabled): its tests are, the variant ran
                  skipUnreported(s.reason());
                } else {
                  skip(d, s.reason());
                }
              });
    } else if (event instanceof AgentEvent.Finished f) {
      finished(f);
    } else if (event instanceof AgentEvent.Report r) {
      TestDescriptor d = nodes.getOrDefault(r.id(), variant);
      listener.reportingEntryPublished(d, ReportEntry.from(r.entries()));
    } else if (event instanceof AgentEvent.Bye bye) {
      sawBye = true;
      AgentEvent.Bye relayed = tally.tally();
      if (!relayed.equals(bye)) {
        broke(
            "the agent counted "
                + describe(bye)
                + ", but what was relayed counts "
                + describe(relayed));
      }
    } else if (event instanceof AgentEvent.Garbled g) {
      broke(g.problem() + ": " + excerpt(g.line()));
    }
  }

  /** Keeps the first reason the stream cannot be trusted. */
  synchronized void broke(String reason) {
    if (broken.isEmpty()) {
      broken = Optional.of(reason);
    }
  }

  /** {@code 3 tests: 2 passed, 1 failed, 0 aborted, 0 skipped, 0 containers failed}. */
  static String describe(AgentEvent.Bye tally) {
    return tally.found()
        + " tests: "
        + tally.succeeded()
        + " passed, "
        + tally.failed()
        + " failed, "
        + tally.aborted()
        + " aborted, "
        + tally.skipped()
        + " skipped, "
        + tally.containersFailed()
        + " containers failed";
  }

  /** The start of {@code text}, quoted: at most 200 characters. */
  private static String excerpt(String text) {
    return "\"" + (text.length() <= 200 ? text : text.substring(0, 200) + "…") + "\"";
  }

  private void register(AgentEvent.Registered r) {
    if (r.parentId().isEmpty() && !enginesAreNodes) {
      // the test class itself: it is the variant node on the host side
      nodes.put(r.id(), variant);
      started.add(r.id());
      return;
    }
    if (nodes.containsKey(r.id())) {
      // listed at discovery: the host's tree has it already
      legacyNames.put(r.id(), r.legacyName());
      return;
    }
    TestDescriptor parent = r.parentId().isEmpty() ? variant : nodes.get(r.parentId().get());
    if (parent == null) {
      broke("node " + r.id() + " names a parent that was never registered, " + r.parentId().get());
      return;
    }
    UniqueId id = rerooted(r.id());
    MirroredDescriptor mirrored =
        MirroredDescriptor.registered(
            id,
            r.id(),
            r.displayName(),
            r.source().orElse(null),
            r.kind(),
            VariantTestNames.legacy(r.kind(), r.legacyName(), variantName));
    parent.addChild(mirrored);
    reachedTheTree = true;
    nodes.put(r.id(), mirrored);
    legacyNames.put(r.id(), r.legacyName());
    listener.dynamicTestRegistered(mirrored);
  }

  /**
   * {@code [engine:junit-jupiter]/[class:X]/[method:m()]} becomes {@code <variant>/[method:m()]}
   * for a class matrix, {@code <variant>/[engine:junit-jupiter]/[class:X]/[method:m()]} for a
   * suite.
   */
  private UniqueId rerooted(String innerId) {
    List<UniqueId.Segment> segments = UniqueId.parse(innerId).getSegments();
    UniqueId id = variant.getUniqueId();
    int dropped = enginesAreNodes ? 0 : 2;
    for (UniqueId.Segment segment :
        segments.subList(Math.min(dropped, segments.size()), segments.size())) {
      id = id.append(segment);
    }
    return id;
  }

  private void finished(AgentEvent.Finished f) {
    // a finished event for a node never registered is the Jupiter engine root's
    Optional<TestDescriptor> node = Optional.ofNullable(nodes.get(f.id()));
    Optional<Throwable> failure =
        f.failure()
            .map(
                remote ->
                    RemoteThrowables.rebuild(remote.withMessagePrefix("[" + variantName + "]")));
    if (node.isEmpty()) {
      if (f.status() != TestExecutionResult.Status.SUCCESSFUL) {
        engineFailure =
            failure.or(
                () ->
                    Optional.of(
                        new IllegalStateException("the Jupiter engine inside the variant failed")));
      }
      return;
    }
    TestDescriptor d = node.get();
    if (d == variant) {
      if (f.status() != TestExecutionResult.Status.SUCCESSFUL) {
        engineFailure = failure;
      }
      return;
    }
    if (!done.add(f.id())) {
      broke("node " + f.id() + " finished after it had finished or been skipped already");
      return;
    }
    if (started.add(f.id())) {
      broke("node " + f.id() + " finished without having started");
      listener.executionStarted(d);
    }
    TestExecutionResult result =
        switch (f.status()) {
          case SUCCESSFUL -> TestExecutionResult.successful();
          case ABORTED -> TestExecutionResult.aborted(failure.orElse(null));
          case FAILED -> failedOrAllowed(failure.orElse(null));
        };
    String message =
        f.failure()
            .map(EventRelay::message)
            .orElse("(no message: the test failed without a throwable)");
    if (holdFailedTests && d.isTest() && f.status() == TestExecutionResult.Status.FAILED) {
      held.hold(
          f.id(), new HeldTest(d, testName(d, f.id()), container, failure.orElse(null), message));
      return;
    }
    if (!d.isTest() && held.holdsUnder(d)) {
      // finishes after the held tests under it; a failed container's own failure counts now
      if (f.status() == TestExecutionResult.Status.FAILED) {
        count(d, ClassTally.Outcome.FAILED);
        failures.add(TestFailure.of(testName(d, f.id()), message, logs));
      }
      held.holdContainer(d, result);
      return;
    }
    if (d.isTest()) {
      switch (f.status()) {
        case SUCCESSFUL -> count(d, ClassTally.Outcome.PASSED);
        case ABORTED -> count(d, ClassTally.Outcome.SKIPPED);
        case FAILED -> count(d, ClassTally.Outcome.FAILED);
      }
    } else if (f.status() == TestExecutionResult.Status.FAILED) {
      count(d, ClassTally.Outcome.FAILED);
    }
    if (f.status() == TestExecutionResult.Status.FAILED) {
      failures.add(TestFailure.of(testName(d, f.id()), message, logs));
    }
    listener.executionFinished(d, result);
  }

  /**
   * A failure as the JUnit tree gets it: failed, or aborted with the failure as its cause where the
   * variant allows failures (so the build does not fail, and the stack is kept).
   */
  private TestExecutionResult failedOrAllowed(
      @org.jspecify.annotations.Nullable Throwable failure) {
    if (allowedBy.isEmpty()) {
      return TestExecutionResult.failed(failure);
    }
    String message =
        failure == null
            ? "failed without a throwable (allowed to fail by allowFailures entry '"
                + allowedBy.get()
                + "')"
            : failure.getMessage();
    return TestExecutionResult.aborted(new TestAbortedException(message, failure));
  }

  /** The agent ids of the failed tests held back for a retry, in the order they failed. */
  synchronized List<String> heldTests() {
    return held.heldTests();
  }

  /** Takes in what a retry reported for the held tests: see {@link HeldTests#retried}. */
  synchronized void retried(int attempt, RetryAttempt outcome, String notRun) {
    held.retried(attempt, outcome, notRun);
  }

  /**
   * Finishes every test still held, then the containers above them: see {@link
   * HeldTests#releaseHeld}.
   */
  synchronized void releaseHeld() {
    held.releaseHeld();
  }

  /** The tests that failed and then passed on a retry, in the order they passed. */
  synchronized List<VariantReport.FlakyTest> flaky() {
    return held.flaky();
  }

  /**
   * The tests that started and have not finished, named as {@link #failures()} names them: what was
   * running when the variant was stopped.
   */
  synchronized List<String> running() {
    List<String> running = new ArrayList<>();
    nodes.forEach(
        (id, d) -> {
          if (d != variant && d.isTest() && started.contains(id) && !done.contains(id)) {
            running.add(testName(d, id));
          }
        });
    return running;
  }

  /**
   * How report.json names a failed node: {@code <class>#<legacy name>} for a method (e.g. {@code
   * demo.OneBadTest#offsetIsWhole(Variant)}, {@code demo.OneBadTest#works(int)[2]}), the class name
   * for a class, else its display name.
   */
  private String testName(TestDescriptor d, String agentId) {
    String legacy = legacyNames.getOrDefault(agentId, d.getDisplayName());
    return d.getSource()
        .map(
            source ->
                source instanceof MethodSource m
                    ? m.getClassName() + "#" + legacy
                    : source instanceof ClassSource c ? c.getClassName() : null)
        .orElse(d.getDisplayName());
  }

  /**
   * The failure's own message: an assertion's message, else {@code class: message} as its toString
   * reads.
   */
  static String message(RemoteFailure failure) {
    if (failure.assertion()) {
      return failure.message().filter(m -> !m.isBlank()).orElse(failure.className());
    }
    return failure.message().map(m -> failure.className() + ": " + m).orElse(failure.className());
  }

  private void markSkipped(TestDescriptor d) {
    if (d.isTest()) {
      count(d, ClassTally.Outcome.SKIPPED);
    }
    for (TestDescriptor child : d.getChildren()) {
      markSkipped(child);
    }
  }

  private Optional<TestDescriptor> node(String id) {
    TestDescriptor d = nodes.get(id);
    if (d == null) {
      broke("an event names node " + id + ", which was never registered");
    }
    return Optional.ofNullable(d);
  }

  /**
   * After the variant ended without finishing its tests (cancelled, or an infrastructure failure:
   * OOM, timeout, a JVM that died, a broken stream): every test that did not finish is aborted with
   * {@code reason}, and every open container closes, so nothing stays pending. Aborted, not failed:
   * the variant's own node carries an infrastructure failure, so it is counted once (Surefire
   * counts aborted tests as skipped).
   */
  synchronized void abortPending(String reason) {
    closePending(TestExecutionResult.aborted(new TestAbortedException(reason)));
  }

  /**
   * After the variant ended normally: a node listed at discovery that its agent never reported (its
   * engine inside did not find it) is skipped with {@code reason}, so none stays pending.
   */
  synchronized void skipUnreported(String reason) {
    for (Map.Entry<String, TestDescriptor> e : nodes.entrySet()) {
      TestDescriptor d = e.getValue();
      if (d == variant || started.contains(e.getKey()) || !done.add(e.getKey())) {
        continue;
      }
      skip(d, reason);
    }
  }

  /** Skips {@code d}: its descendants are skipped with it, so abortPending must not start them. */
  private void skip(TestDescriptor d, String reason) {
    markSkipped(d);
    Set<? extends TestDescriptor> descendants = d.getDescendants();
    nodes.forEach(
        (id, n) -> {
          if (descendants.contains(n)) {
            done.add(id);
          }
        });
    listener.executionSkipped(d, reason);
  }

  private void closePending(TestExecutionResult result) {
    for (Map.Entry<String, TestDescriptor> e : nodes.entrySet()) {
      if (e.getValue() != variant && !done.contains(e.getKey()) && started.add(e.getKey())) {
        listener.executionStarted(e.getValue());
      }
    }
    List<Map.Entry<String, TestDescriptor>> reversed = new ArrayList<>(nodes.entrySet());
    Collections.reverse(reversed);
    for (Map.Entry<String, TestDescriptor> e : reversed) {
      TestDescriptor d = e.getValue();
      if (d == variant || !done.add(e.getKey())) {
        continue;
      }
      if (d.isTest()) {
        count(
            d,
            result.getStatus() == TestExecutionResult.Status.FAILED
                ? ClassTally.Outcome.FAILED
                : ClassTally.Outcome.SKIPPED);
        listener.executionFinished(d, result);
      } else {
        listener.executionFinished(d, TestExecutionResult.successful());
      }
    }
  }

  private void count(TestDescriptor d, ClassTally.Outcome outcome) {
    switch (outcome) {
      case PASSED -> passed++;
      case FAILED -> failed++;
      case SKIPPED -> skipped++;
    }
    classes.count(d, outcome);
  }

  /** The counts per test class, in the order each class first counted. */
  synchronized List<VariantReport.ClassCounts> perClass() {
    return classes.counts();
  }

  /** The tests (and containers) that failed inside, in the order they finished. */
  synchronized List<TestFailure> failures() {
    return List.copyOf(failures);
  }

  /**
   * Whether anything of the agent's has reached the JUnit tree: a test started, skipped or
   * finished, a report entry, a dynamic registration. Until then a fresh relay can start over.
   */
  boolean reachedTheTree() {
    return reachedTheTree;
  }

  boolean sawBye() {
    return sawBye;
  }

  Optional<Throwable> engineFailure() {
    return engineFailure;
  }

  /** Why the stream cannot be trusted, if it cannot: the first reason. */
  synchronized Optional<String> broken() {
    return broken;
  }

  synchronized int passed() {
    return passed;
  }

  synchronized int failed() {
    return failed;
  }

  synchronized int skipped() {
    return skipped;
  }
}
