package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a fake engine on a real Unix socket: what a real engine here will not send (an
 * older API, an error inside a 200 answer, a hostile answer) and the bytes the client sends.
 */
class DockerApiProtocolTest {

  @TempDir Path dir;

  @Test
  void anEngineOlderThanApi141IsRefusedNamingBothVersions() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("e.sock"),
            request ->
                FakeEngine.json(
                    200,
                    "{\"Version\":\"19.03.15\",\"ApiVersion\":\"1.40\",\"MinAPIVersion\":\"1.12\"}"))) {
      assertThatThrownBy(() -> DockerApi.connect(engine.host()))
          .isInstanceOf(DockerEngineException.class)
          .hasMessage(
              "The Docker engine at unix://"
                  + dir.resolve("e.sock")
                  + " (version 19.03.15) speaks API 1.12 to 1.40, and ContainerMatrix needs API"
                  + " 1.41 (Docker 20.10 or later, or Podman 3 or later): upgrade the engine, or"
                  + " use containermatrix.backend=native");
      assertThat(engine.received.get(0).requestLine()).isEqualTo("GET /version HTTP/1.1");
    }
  }

  @Test
  void anEngineThatNoLongerSpeaksApi141IsRefused() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("e.sock"),
            request ->
                FakeEngine.json(
                    200,
                    "{\"Version\":\"99.0\",\"ApiVersion\":\"1.60\",\"MinAPIVersion\":\"1.44\"}"))) {
      assertThatThrownBy(() -> DockerApi.connect(engine.host()))
          .hasMessageContaining("speaks API 1.44 to 1.60, and ContainerMatrix needs API 1.41");
    }
  }

  @Test
  void aMissingSocketSaysToStartTheEngineOrNameIt() {
    DockerHost host = new DockerHost(dir.resolve("none.sock"));
    assertThatThrownBy(() -> DockerApi.connect(host))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith(
            "Cannot connect to the Docker engine at unix://"
                + dir.resolve("none.sock")
                + " for GET /version: ")
        .hasMessageEndingWith(
            "; start it (dockerd, or podman system service), or name its socket with"
                + " containermatrix.docker.host or DOCKER_HOST");
  }

  @Test
  void aStreamIsSentChunkedUnderTheVersionPrefix() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("e.sock"),
            request ->
                request.startsWith("GET /version")
                    ? FakeEngine.VERSION_1_41
                    : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      DockerApi docker = DockerApi.connect(engine.host());
      byte[] tar = "a tar of any length".repeat(10_000).getBytes(StandardCharsets.UTF_8);

      docker.putArchive("abc123", "/work dir", new ByteArrayInputStream(tar));

      FakeEngine.Received put = engine.received.get(1);
      assertThat(put.requestLine())
          .isEqualTo("PUT /v1.41/containers/abc123/archive?path=%2Fwork+dir HTTP/1.1");
      assertThat(put.headers())
          .contains(
              "Host: docker",
              "Connection: close",
              "Content-Type: application/x-tar",
              "Transfer-Encoding: chunked");
      assertThat(put.body()).isEqualTo(tar);
    }
  }

  @Test
  void anErrorInsideALoadsAnswerIsRaised() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("e.sock"),
            request ->
                request.startsWith("GET /version")
                    ? FakeEngine.VERSION_1_41
                    : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2b\r\n{\"errorDetail\":{},\"error\":\"unexpected EOF\"}\r\n0\r\n\r\n")) {
      DockerApi docker = DockerApi.connect(engine.host());

      assertThatThrownBy(() -> docker.loadImage(new ByteArrayInputStream(new byte[512])))
          .isInstanceOf(DockerEngineException.class)
          .hasMessage(
              "The Docker engine failed to load an image (POST /v1.41/images/load?quiet=true):"
                  + " unexpected EOF; check that the tar is a complete docker save archive");
    }
  }

  @Test
  void aNameThatCouldChangeThePathIsRefusedBeforeAnythingIsSent() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("e.sock"), r -> FakeEngine.VERSION_1_41)) {
      DockerApi docker = DockerApi.connect(engine.host());

      assertThatThrownBy(() -> docker.startContainer("../../images/x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "A container id or name is 1 to 255 of [a-zA-Z0-9_.-], starting with a letter or"
                  + " digit; was \"../../images/x\"");
      assertThatThrownBy(() -> docker.inspectImage("a/../../containers/x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(engine.received).hasSize(1);
    }
  }
}
