package dev.containermatrix.junit.engine;

import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.AgentEventListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent of a retry reported: only how each test finished, by the agent's id for it.
 * Nothing of a retry goes into the JUnit tree as it arrives; its {@link EventRelay} takes in the
 * outcome of the tests it held back once the retry's container ended.
 */
final class RetryAttempt implements AgentEventListener {
  private final Map<String, AgentEvent.Finished> finished = new ConcurrentHashMap<>();
  private volatile boolean sawBye;
  private volatile boolean heardAnything;

  @Override
  public void onEvent(AgentEvent event) {
    heardAnything = true;
    if (event instanceof AgentEvent.Finished f) {
      finished.putIfAbsent(f.id(), f);
    } else if (event instanceof AgentEvent.Bye) {
      sawBye = true;
    }
  }

  /** How the test with this agent id finished in the retry, if it did. */
  Optional<AgentEvent.Finished> finished(String id) {
    return Optional.ofNullable(finished.get(id));
  }

  boolean sawBye() {
    return sawBye;
  }

  /** Whether the retry's agent sent anything at all. */
  boolean heardAnything() {
    return heardAnything;
  }
}
