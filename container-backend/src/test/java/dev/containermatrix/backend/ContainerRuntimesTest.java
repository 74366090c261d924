package dev.containermatrix.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerException;
import org.junit.jupiter.api.Test;

class ContainerRuntimesTest {

  @Test
  void autoChoosesNativeWhereThisHostCanRunItAndSaysWhy() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend is only sure to run here as root");
    RuntimeSelection selection = ContainerRuntimes.select("auto");
    assertThat(selection.runtime().name()).isEqualTo("native");
    assertThat(selection.why())
        .isEqualTo("auto chose native: this host can run Linux namespaces as root");
  }

  @Test
  void processIsChosenWhenAskedFor() throws Exception {
    RuntimeSelection selection = ContainerRuntimes.select("process");
    assertThat(selection.runtime().name()).isEqualTo("process");
    assertThat(selection.why())
        .isEqualTo("containermatrix.backend=process asked for the process backend");
  }

  @Test
  void nativeIsChosenWhenAskedForOnAHostThatCanRunIt() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend is only sure to run here as root");
    assertThat(ContainerRuntimes.select("native").runtime().name()).isEqualTo("native");
  }

  @Test
  void dockerWithoutAnEngineAtItsSocketSaysWhereItLookedAndWhatToDo() {
    assertThatThrownBy(
            () ->
                ContainerRuntimes.select(
                    "docker",
                    dev.containermatrix.backend.docker.DockerHost.parse(
                        "unix:///nonexistent/docker.sock", "test"),
                    "run"))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining(
            "containermatrix.backend=docker cannot reach a Docker engine at"
                + " unix:///nonexistent/docker.sock")
        .hasMessageContaining("containermatrix.docker.host or DOCKER_HOST");
  }

  @Test
  void anUnknownBackendIsRefusedListingTheValidOnes() {
    assertThatThrownBy(() -> ContainerRuntimes.select("podman"))
        .isInstanceOf(ContainerException.class)
        .hasMessage(
            "containermatrix.backend=podman names no backend: use one of auto, native, docker,"
                + " process");
  }
}
