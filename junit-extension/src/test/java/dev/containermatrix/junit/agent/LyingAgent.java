package dev.containermatrix.junit.agent;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;

/**
 * An agent that lies on the wire, for the host's tests of a broken event stream. It runs the tests
 * as {@link AgentMain} does, and as its environment variable {@code LIE} says, it sends a raw line
 * of 5 MiB right after {@code hello} ({@code overlong}), a line that is no JSON there ({@code
 * garbage}), or a {@code bye} that counts one failed test more than it reported ({@code tally}).
 * The java of the fake JDK {@code LyingJdk} starts it in place of {@code AgentMain}.
 */
public final class LyingAgent {
  private LyingAgent() {}

  public static void main(String[] args) throws Exception {
    String lie = System.getenv().getOrDefault("LIE", "");
    List<DiscoverySelector> selectors =
        AgentMain.selectors(List.of(args), System.err).orElseThrow();
    AgentChannel channel =
        AgentChannel.connect(
            Path.of(System.getenv(AgentMain.CHANNEL_VARIABLE)), () -> Runtime.getRuntime().halt(3));
    channel.guardAgainstOrphaning();
    channel.send(EventEncoder.hello());
    if (lie.equals("overlong")) {
      channel.send("x".repeat(5 * 1024 * 1024));
    } else if (lie.equals("garbage")) {
      channel.send("this is no event");
    }
    AgentListener listener = new AgentListener(channel::send);
    AgentMain.launcher().execute(AgentMain.discoveryRequest(selectors), listener);
    if (lie.equals("tally")) {
      listener.tally().countFailed();
    }
    channel.sendLast(EventEncoder.bye(listener.tally()));
    channel.close();
    System.exit(listener.tally().exitCode());
  }
}
