package dev.containermatrix.junit.agent;

import static org.awaitility.Awaitility.await;

import dev.containermatrix.junit.channel.AgentEvent;
import dev.containermatrix.junit.channel.EventChannelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real child JVM running {@link AgentMain} on this test JVM's classpath, with an {@link
 * EventChannelServer} collecting its events and its stdout/stderr captured to files.
 */
final class ChildAgentJvm implements AutoCloseable {
  /** Generous; only guards against a hung child, nothing is timed. */
  private static final Duration HUNG = Duration.ofMinutes(2);

  private final EventChannelServer server;
  private final CompletableFuture<Void> serving;
  private final List<AgentEvent> events;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildAgentJvm(
      EventChannelServer server,
      CompletableFuture<Void> serving,
      List<AgentEvent> events,
      Process process,
      Path stdout,
      Path stderr) {
    this.server = server;
    this.serving = serving;
    this.events = events;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static ChildAgentJvm start(Path dir, List<String> jvmOptions, String... selectors)
      throws IOException {
    EventChannelServer server = EventChannelServer.open(dir.resolve("channel.sock"));
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> serving =
        CompletableFuture.runAsync(
            () -> {
              try {
                server.serve(events::add);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", testClassPath(), AgentMain.class.getName()));
    command.addAll(List.of(selectors));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put(AgentMain.CHANNEL_VARIABLE, server.socketPath().toString());
    return new ChildAgentJvm(server, serving, events, builder.start(), stdout, stderr);
  }

  /**
   * The test classpath. Surefire 3.5 sets {@code java.class.path} to the full test classpath even
   * when it boots this JVM from a manifest-only jar (as it does by default), and puts the same
   * value in {@code surefire.test.class.path}.
   */
  static String testClassPath() {
    return System.getProperty("java.class.path");
  }

  Process process() {
    return process;
  }

  EventChannelServer server() {
    return server;
  }

  /** The events received so far. */
  List<AgentEvent> events() {
    return List.copyOf(events);
  }

  /** Waits for the child to exit and the channel to end, then returns exit code and events. */
  Result awaitExit() throws IOException {
    await().atMost(HUNG).until(() -> !process.isAlive());
    await().atMost(HUNG).until(serving::isDone);
    serving.join();
    return new Result(
        process.exitValue(), events(), Files.readString(stdout), Files.readString(stderr));
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    server.close();
  }

  record Result(int exitCode, List<AgentEvent> events, String stdout, String stderr) {}
}
