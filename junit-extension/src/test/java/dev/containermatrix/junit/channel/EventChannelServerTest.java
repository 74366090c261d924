package dev.containermatrix.junit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventChannelServerTest {
  @TempDir Path dir;

  @Test
  void deliversEachLineInOrderAndReturnsAtEndOfStream() throws IOException {
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    try (EventChannelServer server = EventChannelServer.open(dir.resolve("s.sock"))) {
      CompletableFuture<Void> serving = serveInBackground(server, events);
      try (SocketChannel agent = connect(server.socketPath())) {
        // split across writes, and a multi-byte character across the split
        write(agent, "{\"type\":\"started\",\"id\":\"ü");
        write(agent, "\"}\nnot json\n{\"type\":\"skipped\",\"id\":\"y\",\"reason\":\"r\"}\n");
      }

      serving.join();

      assertThat(events).hasSize(3);
      assertThat(events.get(0)).isEqualTo(new AgentEvent.Started("ü"));
      assertThat(events.get(1)).isInstanceOf(AgentEvent.Garbled.class);
      assertThat(((AgentEvent.Garbled) events.get(1)).line()).isEqualTo("not json");
      assertThat(((AgentEvent.Garbled) events.get(1)).problem())
          .startsWith("line 2 is no valid event (not JSON: ");
      assertThat(events.get(2)).isEqualTo(new AgentEvent.Skipped("y", "r"));
    }
  }

  @Test
  void aLineOverTheLimitIsReadPastNotKeptAndTheLinesAfterItStillArrive() throws IOException {
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    try (EventChannelServer server = EventChannelServer.open(dir.resolve("s.sock"))) {
      CompletableFuture<Void> serving = serveInBackground(server, events);
      try (SocketChannel agent = connect(server.socketPath())) {
        write(agent, "{\"type\":\"started\",\"id\":\"a\"}\n");
        write(
            agent,
            "{\"type\":\"report\",\"id\":\"a\",\"x\":\""
                + "y".repeat(EventChannelServer.MAX_LINE_BYTES)
                + "\"}\n");
        write(agent, "{\"type\":\"started\",\"id\":\"b\"}\n");
      }

      serving.join();

      assertThat(events)
          .containsExactly(
              new AgentEvent.Started("a"),
              new AgentEvent.Garbled(
                  "{\"type\":\"report\",\"id\":\"a\",\"x\":\"" + "y".repeat(200 - 31) + "…",
                  "line 2 is over 4 MiB (4,194,304 bytes): it has 4,194,337 bytes"),
              new AgentEvent.Started("b"));
    }
  }

  @Test
  void closeUnblocksAServerWaitingForItsAgent() throws IOException {
    EventChannelServer server = EventChannelServer.open(dir.resolve("s.sock"));
    CompletableFuture<Void> serving = serveInBackground(server, new CopyOnWriteArrayList<>());

    server.close();

    await().until(serving::isDone);
    assertThat(serving).isCompleted();
    assertThat(dir.resolve("s.sock")).doesNotExist();
  }

  @Test
  void closeUnblocksAServerReadingFromASilentAgent() throws IOException {
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    EventChannelServer server = EventChannelServer.open(dir.resolve("s.sock"));
    CompletableFuture<Void> serving = serveInBackground(server, events);
    try (SocketChannel agent = connect(server.socketPath())) {
      write(agent, "{\"type\":\"started\",\"id\":\"x\"}\n");
      await().until(() -> events.size() == 1);

      server.close();

      await().until(serving::isDone);
      assertThat(serving).isCompleted();
      assertThat(agent.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }
  }

  @Test
  void refusesToBindAPathThatExists() throws IOException {
    Path taken = Files.createFile(dir.resolve("taken.sock"));

    assertThatThrownBy(() -> EventChannelServer.open(taken))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot bind the event channel socket " + taken + ": ")
        .hasMessageEndingWith(
            "; use a path that does not exist yet, in a writable directory, shorter than about"
                + " 100 bytes");
  }

  private static CompletableFuture<Void> serveInBackground(
      EventChannelServer server, List<AgentEvent> events) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            server.serve(events::add);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static SocketChannel connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return channel;
  }

  private static void write(SocketChannel channel, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
