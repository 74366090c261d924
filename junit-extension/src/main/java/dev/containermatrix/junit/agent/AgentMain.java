package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Runs the Jupiter engine inside a variant's JVM and streams its events to the host.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.containermatrix.junit.agent.AgentMain
 * <selector>...} where each selector is a JUnit discovery selector identifier as {@link
 * SelectorText} reads it ({@code class:com.example.FooTest}, {@code
 * method:com.example.FooTest#bar(java.lang.String)}, {@code nested-class:…}, {@code
 * uid:[engine:junit-jupiter]/[class:…]/[method:…]}), and the environment variable {@value
 * #CHANNEL_VARIABLE} names the host's Unix domain socket.
 *
 * <p>With {@code suite:<class>} as the first argument, the agent runs that suite matrix's selection
 * ({@link SuiteSelection}) on every engine but ours and the suite engine, or only the unique ids
 * that follow; the engines' own nodes are then part of the events.
 *
 * <p>Otherwise only the Jupiter engine runs, and no listener, filter or engine is picked up by
 * {@code ServiceLoader} besides the test engines themselves (filtered to {@code junit-jupiter}), so
 * the host's filter does not apply here and the {@code container-matrix} engine cannot recurse.
 * System properties (for example {@code -Djunit.jupiter.execution.parallel.enabled=true}) and
 * {@code junit-platform.properties} are read as configuration parameters, as the Launcher always
 * does.
 *
 * <p>Test output stays on this JVM's stdout and stderr; the channel carries only events. If the
 * host closes the channel before the final {@code bye}, the JVM halts with exit code {@code 3}.
 *
 * <p>With {@value #STANDALONE} as the first argument the agent needs no host: it prints one line
 * per test and a summary to stdout instead. An archived variant exported for {@code docker run}
 * starts so.
 *
 * <p>Exit codes: {@code 0} all tests passed, were skipped or aborted; {@code 1} a test or container
 * failed; {@code 2} bad arguments or no channel; {@code 3} the host went away.
 */
@API(status = INTERNAL, since = "0.1")
public final class AgentMain {
  /** Names the environment variable holding the path of the host's Unix domain socket. */
  static final String CHANNEL_VARIABLE = "CONTAINERMATRIX_CHANNEL";

  /** First argument of a run without a host: results go to stdout. */
  public static final String STANDALONE = "--standalone";

  static final String USAGE =
      "usage: java -cp <test classpath> "
          + AgentMain.class.getName()
          + " ["
          + STANDALONE
          + "] <selector>... | suite:<class> [uid:<unique id>...]\n"
          + "  <selector>: a JUnit discovery selector identifier, e.g. class:com.example.FooTest,"
          + " method:com.example.FooTest#bar(java.lang.String),"
          + " uid:[engine:junit-jupiter]/[class:com.example.FooTest]\n"
          + "  suite:<class>: run the suite-api selection of that class on every engine (or only"
          + " the unique ids after it)\n"
          + "  environment: "
          + CHANNEL_VARIABLE
          + "=<path of the host's Unix domain socket> | fd:<n> (events to that inherited file"
          + " descriptor; stdin's end means the host is gone)";

  private AgentMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(STANDALONE)) {
      System.exit(
          runStandalone(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.getenv(),
              System.out,
              System.err));
    }
    System.exit(run(args, System.getenv(), System.err));
  }

  /**
   * Runs the tests without a host channel, printing results to {@code out}; returns the exit code.
   */
  static int runStandalone(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Optional<AgentWork> work = AgentWork.parse(args, err);
    if (work.isEmpty()) {
      return 2;
    }
    ConsoleReport console = new ConsoleReport(out);
    console.header(environment);
    AgentListener tally = new AgentListener(event -> {}, work.get().enginesAreNodes());
    execute(work.get(), environment, tally, console);
    console.summary(tally.tally());
    return tally.tally().exitCode();
  }

  /** Runs the agent and returns its exit code; {@link #main} exits with it. */
  static int run(String[] args, Map<String, String> environment, PrintStream err) {
    Optional<AgentWork> work = AgentWork.parse(args, err);
    if (work.isEmpty()) {
      return 2;
    }
    String socket = environment.get(CHANNEL_VARIABLE);
    if (socket == null || socket.isBlank()) {
      err.println(
          "containermatrix agent: the environment variable "
              + CHANNEL_VARIABLE
              + " is not set; it must name the Unix domain socket the host listens on");
      return 2;
    }
    AgentChannel channel;
    try {
      channel = AgentChannel.open(socket, () -> Runtime.getRuntime().halt(3));
    } catch (IOException | InvalidPathException e) {
      err.println(
          "containermatrix agent: cannot connect to the host's event channel "
              + socket
              + " (from "
              + CHANNEL_VARIABLE
              + "): "
              + e
              + "; check that the host is listening and the socket is reachable from this JVM");
      return 2;
    }
    channel.guardAgainstOrphaning();
    channel.send(EventEncoder.hello());
    AgentListener listener = new AgentListener(channel::send, work.get().enginesAreNodes());
    execute(work.get(), environment, listener);
    channel.sendLast(EventEncoder.bye(listener.tally()));
    try {
      channel.close();
    } catch (IOException e) {
      err.println("containermatrix agent: closing the event channel " + socket + " failed: " + e);
    }
    return listener.tally().exitCode();
  }

  /**
   * Discovers, then runs what was found; finding nothing fails the engine (see {@link
   * NothingFoundGuard}).
   */
  private static void execute(
      AgentWork work, Map<String, String> environment, TestExecutionListener... listeners) {
    Launcher launcher = AgentRequests.launcher();
    TestPlan plan = launcher.discover(work.request());
    String variant =
        VariantVariables.read(environment).map(VariantVariables::name).orElse("(no variant)");
    TestExecutionListener[] guarded = new TestExecutionListener[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      guarded[i] = NothingFoundGuard.around(listeners[i], plan, work.nothingFound(variant));
    }
    launcher.execute(plan, guarded);
  }

  /** The selectors, or empty after telling {@code err} what is wrong with the arguments. */
  static Optional<List<DiscoverySelector>> selectors(List<String> args, PrintStream err) {
    if (args.isEmpty()) {
      err.println("containermatrix agent: no selectors given\n" + USAGE);
      return Optional.empty();
    }
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String arg : args) {
      Optional<DiscoverySelector> selector = SelectorText.parse(arg);
      if (selector.isEmpty()) {
        err.println(
            "containermatrix agent: '"
                + arg
                + "' is not a discovery selector identifier\n"
                + USAGE);
        return Optional.empty();
      }
      selectors.add(selector.get());
    }
    return Optional.of(selectors);
  }

  static LauncherDiscoveryRequest discoveryRequest(List<DiscoverySelector> selectors) {
    return AgentRequests.forClasses(selectors);
  }

  static Launcher launcher() {
    return AgentRequests.launcher();
  }
}
