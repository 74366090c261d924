package dev.containermatrix.junit.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * The JUnit side of one run: the listener its nodes report to, the state of each matrix class, the
 * {@link RunServices} the variants use and the {@link RunOutcome} they add to.
 */
final class MatrixExecutionContext implements EngineExecutionContext, AutoCloseable {
  private final EngineExecutionListener listener;
  private final RunServices services;
  private final RunOutcome outcome;
  private final Map<UniqueId, ClassRunState> classes = new ConcurrentHashMap<>();

  MatrixExecutionContext(
      EngineExecutionListener listener, RunServices services, RunOutcome outcome) {
    this.listener = listener;
    this.services = services;
    this.outcome = outcome;
  }

  EngineExecutionListener listener() {
    return listener;
  }

  RunServices services() {
    return services;
  }

  RunOutcome outcome() {
    return outcome;
  }

  void register(UniqueId classId, ClassRunState state) {
    classes.put(classId, state);
  }

  ClassRunState classState(UniqueId classId) {
    return Optional.ofNullable(classes.get(classId))
        .orElseThrow(() -> new IllegalStateException("no run state for " + classId));
  }

  @Override
  public void close() {
    try {
      outcome.close();
    } finally {
      services.close();
    }
  }
}
