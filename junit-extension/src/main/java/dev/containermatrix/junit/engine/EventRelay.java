package dev.containermatrix.junit.engine;

import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.AgentEventListener;
import dev.containermatrix.junit.channel.RemoteThrowables;
import java.util.ArrayList;
import java.util.Collections;
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
import org.opentest4j.TestAbortedException;

/**
 * Replays one agent's events into the host's JUnit tree under a variant's node: every Jupiter node
 * becomes a {@link MirroredDescriptor}, registered dynamically, then started, skipped and finished
 * as it was inside. Counts the outcome for the report.
 */
final class EventRelay implements AgentEventListener {
  private final TestDescriptor variant;
  private final EngineExecutionListener listener;
  private final String variantName;
  private final Map<String, TestDescriptor> nodes = new LinkedHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean sawBye;
  private volatile Optional<Throwable> engineFailure = Optional.empty();
  private int passed;
  private int failed;
  private int skipped;

  EventRelay(TestDescriptor variant, EngineExecutionListener listener, String variantName) {
    this.variant = variant;
    this.listener = listener;
    this.variantName = variantName;
  }

  @Override
  public synchronized void onEvent(AgentEvent event) {
    if (event instanceof AgentEvent.Registered r) {
      register(r);
    } else if (event instanceof AgentEvent.Started s) {
      node(s.id()).filter(d -> started.add(s.id())).ifPresent(listener::executionStarted);
    } else if (event instanceof AgentEvent.Skipped s) {
      node(s.id()).ifPresent(d -> {
        done.add(s.id());
        markSkipped(d);
        listener.executionSkipped(d, s.reason());
      });
    } else if (event instanceof AgentEvent.Finished f) {
      finished(f);
    } else if (event instanceof AgentEvent.Report r) {
      TestDescriptor d = nodes.getOrDefault(r.id(), variant);
      listener.reportingEntryPublished(d, ReportEntry.from(r.entries()));
    } else if (event instanceof AgentEvent.Bye) {
      sawBye = true;
    } else if (event instanceof AgentEvent.Garbled g) {
      problems.add(g.problem() + ": " + g.line());
    }
  }

  private void register(AgentEvent.Registered r) {
    if (r.parentId().isEmpty()) {
      // the test class itself: it is the variant node on the host side
      nodes.put(r.id(), variant);
      started.add(r.id());
      return;
    }
    TestDescriptor parent = nodes.get(r.parentId().get());
    if (parent == null) {
      problems.add("node " + r.id() + " names an unknown parent " + r.parentId().get());
      return;
    }
    UniqueId id = rerooted(r.id());
    String legacy = r.kind() == TestDescriptor.Type.CONTAINER ? r.legacyName() : r.legacyName() + "[" + variantName + "]";
    MirroredDescriptor mirrored = new MirroredDescriptor(id, r.displayName(), r.source().orElse(null), r.kind(), legacy);
    parent.addChild(mirrored);
    nodes.put(r.id(), mirrored);
    listener.dynamicTestRegistered(mirrored);
  }

  /** {@code [engine:junit-jupiter]/[class:X]/[method:m()]} becomes {@code <variant>/[method:m()]}. */
  private UniqueId rerooted(String jupiterId) {
    List<UniqueId.Segment> segments = UniqueId.parse(jupiterId).getSegments();
    UniqueId id = variant.getUniqueId();
    for (UniqueId.Segment segment : segments.subList(Math.min(2, segments.size()), segments.size())) {
      id = id.append(segment);
    }
    return id;
  }

  private void finished(AgentEvent.Finished f) {
    Optional<TestDescriptor> node = node(f.id());
    Optional<Throwable> failure = f.failure().map(RemoteThrowables::rebuild);
    if (node.isEmpty()) {
      if (f.status() != TestExecutionResult.Status.SUCCESSFUL) {
        engineFailure = failure.or(() -> Optional.of(new IllegalStateException("the Jupiter engine inside the variant failed")));
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
    done.add(f.id());
    TestExecutionResult result = switch (f.status()) {
      case SUCCESSFUL -> TestExecutionResult.successful();
      case ABORTED -> TestExecutionResult.aborted(failure.orElse(null));
      case FAILED -> TestExecutionResult.failed(failure.orElse(null));
    };
    if (d.isTest()) {
      switch (f.status()) {
        case SUCCESSFUL -> passed++;
        case ABORTED -> skipped++;
        case FAILED -> failed++;
      }
    } else if (f.status() == TestExecutionResult.Status.FAILED) {
      failed++;
    }
    listener.executionFinished(d, result);
  }

  private void markSkipped(TestDescriptor d) {
    if (d.isTest()) {
      skipped++;
    }
    for (TestDescriptor child : d.getChildren()) {
      markSkipped(child);
    }
  }

  private Optional<TestDescriptor> node(String id) {
    TestDescriptor d = nodes.get(id);
    if (d == null) {
      problems.add("event for unknown node " + id);
    }
    return Optional.ofNullable(d);
  }

  /**
   * After the container ended without saying bye: every test that did not finish fails with {@code
   * cause}, and every open container closes, so nothing stays pending.
   */
  synchronized void failPending(Throwable cause) {
    closePending(TestExecutionResult.failed(cause));
  }

  /** After the variant was cancelled: every test that did not finish is aborted with {@code reason}. */
  synchronized void abortPending(String reason) {
    closePending(TestExecutionResult.aborted(new TestAbortedException(reason)));
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
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
          failed++;
        } else {
          skipped++;
        }
        listener.executionFinished(d, result);
      } else {
        listener.executionFinished(d, TestExecutionResult.successful());
      }
    }
  }

  boolean sawBye() {
    return sawBye;
  }

  Optional<Throwable> engineFailure() {
    return engineFailure;
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
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
