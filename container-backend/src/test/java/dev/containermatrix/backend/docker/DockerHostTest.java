package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHostTest {

  @Test
  void theConfigurationParameterWinsOverDockerHost() {
    DockerHost host =
        DockerHost.resolve(
            "unix:///run/podman/podman.sock", Map.of("DOCKER_HOST", "unix:///tmp/docker.sock"));

    assertThat(host.socket()).isEqualTo(Path.of("/run/podman/podman.sock"));
    assertThat(host.address()).isEqualTo("unix:///run/podman/podman.sock");
  }

  @Test
  void dockerHostIsUsedWhenTheParameterIsAbsentOrBlank() {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix:///tmp/docker.sock");

    assertThat(DockerHost.resolve(null, env).socket()).isEqualTo(Path.of("/tmp/docker.sock"));
    assertThat(DockerHost.resolve("  ", env).socket()).isEqualTo(Path.of("/tmp/docker.sock"));
  }

  @Test
  void withNeitherTheDefaultSocketIsUsed() {
    assertThat(DockerHost.resolve(null, Map.of())).isEqualTo(DockerHost.DEFAULT);
    assertThat(DockerHost.resolve(null, Map.of("DOCKER_HOST", ""))).isEqualTo(DockerHost.DEFAULT);
    assertThat(DockerHost.DEFAULT).hasToString("unix:///var/run/docker.sock");
  }

  @Test
  void aTcpHostIsRefusedSayingToForwardTheSocket() {
    assertThatThrownBy(() -> DockerHost.resolve(null, Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DOCKER_HOST is \"tcp://10.0.0.5:2376\": a TCP engine is not supported (no TLS client"
                + " here, and the engine's API is root on its host): run the tests on the engine's"
                + " host, or forward its socket to a local one, e.g. ssh -nNT -L"
                + " /tmp/docker.sock:/var/run/docker.sock <host>, and set"
                + " containermatrix.docker.host=unix:///tmp/docker.sock. Supported:"
                + " unix:///<absolute path> (default unix:///var/run/docker.sock)");
  }

  @Test
  void anSshHostIsRefusedSayingToForwardTheSocket() {
    assertThatThrownBy(() -> DockerHost.resolve("ssh://me@build", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "containermatrix.docker.host is \"ssh://me@build\": an engine over ssh is not"
                + " supported: forward its socket to a local one");
  }

  @Test
  void aNamedPipeIsRefused() {
    assertThatThrownBy(() -> DockerHost.resolve("npipe:////./pipe/docker_engine", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Windows named pipes are not supported");
  }

  @Test
  void aRelativeSocketPathIsRefused() {
    assertThatThrownBy(() -> DockerHost.parse("unix://docker.sock", "DOCKER_HOST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DOCKER_HOST is \"unix://docker.sock\", whose socket path is not absolute: write"
                + " unix:///<absolute path>, e.g. unix:///var/run/docker.sock or"
                + " unix:///run/user/1000/podman/podman.sock");
  }

  @Test
  void aBarePathIsRefusedNamingTheSupportedForm() {
    assertThatThrownBy(() -> DockerHost.parse("/var/run/docker.sock", "DOCKER_HOST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DOCKER_HOST is \"/var/run/docker.sock\": it is not an address of the form"
                + " unix:///<absolute path>. Supported: unix:///<absolute path> (default"
                + " unix:///var/run/docker.sock)");
  }
}
