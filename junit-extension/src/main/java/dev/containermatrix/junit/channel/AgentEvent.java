package dev.containermatrix.junit.channel;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;

/**
 * One line the agent sent over the event channel, decoded.
 *
 * <p>An agent sends {@link Hello}; then {@link Registered} for every node of the static plan
 * (parents before children, no engine root: a top-level class has no parent); then {@link Started},
 * {@link Skipped}, {@link Finished}, {@link Report} and dynamic {@link Registered} events as they
 * happen; finally {@link Bye}. A stream that ends without {@code Bye} means the variant died. A
 * {@link Finished} event whose id was never registered is the Jupiter engine root failing (for
 * example because discovery failed). A line that cannot be decoded arrives as {@link Garbled}.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface AgentEvent {

  /** The agent's JVM, sent first. */
  record Hello(
      long pid, String javaVersion, String javaHome, int availableProcessors, long maxMemory)
      implements AgentEvent {
    public Hello {
      Objects.requireNonNull(javaVersion, "javaVersion");
      Objects.requireNonNull(javaHome, "javaHome");
    }
  }

  /**
   * A node of Jupiter's tree: of the static plan ({@code dynamic} false) or registered while
   * running.
   *
   * @param parentId empty for a top-level node (the engine root is not sent)
   * @param source a {@code MethodSource}, {@code ClassSource} or {@code UriSource}, if the node had
   *     one; built from names only, no class is loaded
   */
  record Registered(
      String id,
      Optional<String> parentId,
      String displayName,
      String legacyName,
      TestDescriptor.Type kind,
      boolean dynamic,
      Optional<TestSource> source)
      implements AgentEvent {
    public Registered {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(parentId, "parentId");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(legacyName, "legacyName");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
    }
  }

  /** The node with this unique id started. */
  record Started(String id) implements AgentEvent {
    public Started {
      Objects.requireNonNull(id, "id");
    }
  }

  /** The node with this unique id was skipped, with its descendants. */
  record Skipped(String id, String reason) implements AgentEvent {
    public Skipped {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The node with this unique id finished; {@code failure} is present when it failed or aborted.
   */
  record Finished(String id, TestExecutionResult.Status status, Optional<RemoteFailure> failure)
      implements AgentEvent {
    public Finished {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** A report entry published by the node with this id; {@code entries} keep the agent's order. */
  record Report(String id, LocalDateTime timestamp, Map<String, String> entries)
      implements AgentEvent {
    public Report {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(timestamp, "timestamp");
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  /**
   * The last event: test counts of the run. {@code containersFailed} counts failed containers (a
   * class whose {@code @BeforeAll} threw, a failing test factory, the engine root), whose tests may
   * not be counted at all.
   */
  record Bye(
      long found, long succeeded, long failed, long aborted, long skipped, long containersFailed)
      implements AgentEvent {}

  /**
   * A line that is not a valid event, or is over the channel's limit; {@code problem} says why, and
   * names the line when it comes from {@link EventChannelServer}: {@code line 57 is over 4 MiB …}.
   * {@code line} is the line, or only its start when it was over the limit.
   */
  record Garbled(String line, String problem) implements AgentEvent {
    public Garbled {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(problem, "problem");
    }
  }
}
