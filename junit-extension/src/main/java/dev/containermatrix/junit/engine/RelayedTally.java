package dev.containermatrix.junit.engine;

import dev.containermatrix.junit.channel.AgentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Counts the events relayed from an agent the way the agent counts what it sent ({@code
 * AgentTally}): tests registered, tests finished by status, tests skipped (a skipped container
 * counts its tests), and containers failed (the engine root among them). At {@code bye} the two
 * must agree; a difference means events were lost or made up on the way.
 */
final class RelayedTally {
  private final Set<String> tests = new HashSet<>();
  private final Map<String, List<String>> children = new HashMap<>();
  private long found;
  private long succeeded;
  private long failed;
  private long aborted;
  private long skipped;
  private long containersFailed;

  void count(AgentEvent event) {
    if (event instanceof AgentEvent.Registered r) {
      r.parentId()
          .ifPresent(
              parent -> children.computeIfAbsent(parent, p -> new ArrayList<>()).add(r.id()));
      if (r.kind().isTest()) {
        tests.add(r.id());
        found++;
      }
    } else if (event instanceof AgentEvent.Skipped s) {
      skipped += testsIn(s.id());
    } else if (event instanceof AgentEvent.Finished f) {
      if (tests.contains(f.id())) {
        switch (f.status()) {
          case SUCCESSFUL -> succeeded++;
          case FAILED -> failed++;
          case ABORTED -> aborted++;
        }
      } else if (f.status() == TestExecutionResult.Status.FAILED) {
        containersFailed++;
      }
    }
  }

  /** What was relayed, in the form of the agent's {@code bye}. */
  AgentEvent.Bye tally() {
    return new AgentEvent.Bye(found, succeeded, failed, aborted, skipped, containersFailed);
  }

  private long testsIn(String id) {
    long count = tests.contains(id) ? 1 : 0;
    for (String child : children.getOrDefault(id, List.of())) {
      count += testsIn(child);
    }
    return count;
  }
}
