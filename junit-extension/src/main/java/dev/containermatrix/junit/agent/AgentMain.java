package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

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
 * <p>Only the Jupiter engine runs, and no listener, filter or engine is picked up by {@code
 * ServiceLoader} besides the test engines themselves (filtered to {@code junit-jupiter}), so the
 * host's filter does not apply here and the {@code container-matrix} engine cannot recurse. System
 * properties (for example {@code -Djunit.jupiter.execution.parallel.enabled=true}) and {@code
 * junit-platform.properties} are read as configuration parameters, as the Launcher always does.
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
          + "] <selector>...\n"
          + "  <selector>: a JUnit discovery selector identifier, e.g. class:com.example.FooTest,"
          + " method:com.example.FooTest#bar(java.lang.String),"
          + " uid:[engine:junit-jupiter]/[class:com.example.FooTest]\n"
          + "  environment: "
          + CHANNEL_VARIABLE
          + "=<path of the host's Unix domain socket>";

  private static final String JUPITER = "junit-jupiter";

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
    Optional<List<DiscoverySelector>> selectors = selectors(args, err);
    if (selectors.isEmpty()) {
      return 2;
    }
    ConsoleReport console = new ConsoleReport(out);
    console.header(environment);
    AgentListener tally = new AgentListener(event -> {});
    execute(selectors.get(), List.of(args), tally, console);
    console.summary(tally.tally());
    return tally.tally().exitCode();
  }

  /** Runs the agent and returns its exit code; {@link #main} exits with it. */
  static int run(String[] args, Map<String, String> environment, PrintStream err) {
    Optional<List<DiscoverySelector>> parsed = selectors(args, err);
    if (parsed.isEmpty()) {
      return 2;
    }
    List<DiscoverySelector> selectors = parsed.get();
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
      channel = AgentChannel.connect(Path.of(socket), () -> Runtime.getRuntime().halt(3));
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
    AgentListener listener = new AgentListener(channel::send);
    execute(selectors, List.of(args), listener);
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
      List<DiscoverySelector> selectors, List<String> texts, TestExecutionListener... listeners) {
    Launcher launcher = launcher();
    TestPlan plan = launcher.discover(discoveryRequest(selectors));
    TestExecutionListener[] guarded = new TestExecutionListener[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      guarded[i] = NothingFoundGuard.around(listeners[i], plan, texts);
    }
    launcher.execute(plan, guarded);
  }

  /** The selectors, or empty after telling {@code err} what is wrong with the arguments. */
  static Optional<List<DiscoverySelector>> selectors(String[] args, PrintStream err) {
    if (args.length == 0) {
      err.println("containermatrix agent: no selectors given\n" + USAGE);
      return Optional.empty();
    }
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String arg : args) {
      Optional<? extends DiscoverySelector> selector = parse(arg);
      if (selector.isEmpty()) {
        err.println(
            "containermatrix agent: '"
                + arg
                + "' is not a discovery selector identifier\n"
                + USAGE);
        return Optional.empty();
      }
      selector.ifPresent(selectors::add);
    }
    return Optional.of(selectors);
  }

  private static Optional<DiscoverySelector> parse(String identifier) {
    return SelectorText.parse(identifier);
  }

  static LauncherDiscoveryRequest discoveryRequest(List<DiscoverySelector> selectors) {
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .filters(EngineFilter.includeEngines(JUPITER))
        // JUnit 5's default listener throws out of discovery when a selector cannot be resolved, so
        // no
        // event would say why; logging lets the engine finish and NothingFoundGuard fail it by name
        .configurationParameter("junit.platform.discovery.listener.default", "logging")
        .build();
  }

  static Launcher launcher() {
    return LauncherFactory.create(
        LauncherConfig.builder()
            .enableTestEngineAutoRegistration(true)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enableTestExecutionListenerAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .build());
  }
}
