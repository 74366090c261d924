package dev.containermatrix.backend.image;

import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.HostCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code docker-registry} serving from a directory on a free 127.0.0.1 port, with the
 * given lines of its {@code auth:} section; ready once {@code /v2/} asks for a login.
 */
final class LoopbackRegistry implements AutoCloseable {
  private final Process process;
  private final String host;

  private LoopbackRegistry(Process process, String host) {
    this.process = process;
    this.host = host;
  }

  /**
   * Writes {@code config.yml} into {@code directory} and starts the registry; its log is {@code
   * registry.log} there.
   */
  static LoopbackRegistry start(Path directory, List<String> authLines) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    List<String> config =
        new ArrayList<>(
            List.of(
                "version: 0.1",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + directory.resolve("data"),
                "http:",
                "  addr: " + host,
                "auth:"));
    authLines.forEach(line -> config.add("  " + line));
    Files.write(directory.resolve("config.yml"), config);
    Process process =
        new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("registry.log").toFile())
            .start();
    LoopbackRegistry registry = new LoopbackRegistry(process, host);
    HttpClient http = HttpClient.newHttpClient();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "docker-registry exited with "
                          + process.exitValue()
                          + ":\n"
                          + Files.readString(directory.resolve("registry.log")));
                }
                try {
                  return http.send(
                              HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 401;
                } catch (IOException e) {
                  return false;
                }
              });
    } catch (RuntimeException e) {
      process.destroy();
      throw e;
    }
    return registry;
  }

  /**
   * Pushes the OCI layout to {@code repositoryAndTag} here with skopeo, logging in as {@code
   * userAndPassword}.
   */
  void push(Path layout, String repositoryAndTag, String userAndPassword)
      throws IOException, InterruptedException {
    HostCommand.run(
        layout.getParent(),
        Map.of(),
        "skopeo",
        "copy",
        "--dest-tls-verify=false",
        "--dest-creds",
        userAndPassword,
        "oci:" + layout,
        "docker://" + host + "/" + repositoryAndTag);
  }

  /**
   * Writes a Docker config file that holds {@code userAndPassword} as the login for this registry.
   */
  Path dockerConfig(Path file, String userAndPassword) throws IOException {
    String auth =
        Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    Files.writeString(file, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return host;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
