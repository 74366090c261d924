package dev.containermatrix.junit.engine;

import dev.containermatrix.junit.agent.AgentRequests;
import dev.containermatrix.junit.agent.AgentWork;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists, at discovery and on the host, the tests a variant's agent will run: a launcher of the
 * host's test classpath discovers the variant's agent arguments with the request the agent builds
 * from them ({@link AgentWork}): Jupiter for a class matrix, every engine but ours and the suite
 * engine for a suite. No container starts, and one discovery serves every variant with the same
 * arguments.
 *
 * <p>Where the arguments cannot be read on the host or its discovery fails, nothing is listed: the
 * variant's tests then register as the agent reports them, as dynamic tests do.
 */
final class InnerDiscovery {
  private final Map<List<String>, Optional<TestPlan>> discovered = new ConcurrentHashMap<>();
  private @Nullable Launcher launcher;

  private InnerDiscovery() {}

  /**
   * The host's test classpath, as the thread's context class loader has it; its engines are looked
   * up on the first discovery, so a run without matrix classes loads none for it.
   */
  static InnerDiscovery onThisHost() {
    return new InnerDiscovery();
  }

  private synchronized Launcher launcher() {
    if (launcher == null) {
      launcher = AgentRequests.launcher();
    }
    return launcher;
  }

  /**
   * The inner engines' plan for {@code arguments} (the agent's); empty where it cannot be listed.
   */
  Optional<TestPlan> discover(List<String> arguments) {
    return discovered.computeIfAbsent(List.copyOf(arguments), this::run);
  }

  private Optional<TestPlan> run(List<String> arguments) {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Optional<AgentWork> work = AgentWork.parse(arguments.toArray(String[]::new), quiet);
    if (work.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(launcher().discover(work.get().request()));
    } catch (RuntimeException | LinkageError e) {
      // the agent discovers again inside the variant and reports what fails there
      return Optional.empty();
    }
  }
}
