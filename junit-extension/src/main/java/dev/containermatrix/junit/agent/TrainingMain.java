package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The training run of a class-data archive: runs {@link AgentMain} itself, as a variant does (the
 * Jupiter engine through the Launcher API, a parsed {@code class:} selector, every event written to
 * a Unix domain socket), over {@link TrainingSample}, a small class shipped here, with this JVM
 * standing in for the host and discarding the lines. Started with {@code -XX:ArchiveClassesAtExit}
 * or {@code -XX:AOTCacheOutput}, the JVM then writes the archive as it exits, holding what a
 * variant's agent loads.
 *
 * <p>Usage: {@code java -cp <shared jars> dev.containermatrix.junit.agent.TrainingMain}. Exit code
 * {@code 0} when the sample's tests all passed, else the agent's, with the reason on stderr.
 */
@API(status = INTERNAL, since = "0.1")
public final class TrainingMain {

  private TrainingMain() {}

  public static void main(String[] args) throws IOException {
    Path directory = Files.createTempDirectory("containermatrix-training");
    Path socket = directory.resolve("channel.sock");
    int exit;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread host = new Thread(() -> discard(server), "containermatrix-training-host");
      host.setDaemon(true);
      host.start();
      Map<String, String> environment = new HashMap<>(System.getenv());
      environment.put(AgentMain.CHANNEL_VARIABLE, socket.toString());
      exit =
          AgentMain.run(
              new String[] {"class:" + TrainingSample.class.getName()}, environment, System.err);
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
    }
    if (exit != 0) {
      System.err.println(
          "containermatrix training: the sample's tests did not all pass (agent exit code "
              + exit
              + "): the archive may miss classes; the variants still run");
    }
    System.exit(exit);
  }

  /** Accepts the agent's connection and reads it to its end. */
  private static void discard(ServerSocketChannel server) {
    try (SocketChannel agent = server.accept()) {
      ByteBuffer sink = ByteBuffer.allocate(8192);
      while (agent.read(sink) >= 0) {
        sink.clear();
      }
    } catch (IOException e) {
      // the agent is gone: nothing left to read
    }
  }
}
