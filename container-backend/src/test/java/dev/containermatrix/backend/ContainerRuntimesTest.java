package dev.containermatrix.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.spi.ContainerException;
import org.junit.jupiter.api.Test;

class ContainerRuntimesTest {

  @Test
  void autoChoosesTheProcessBackendAndSaysWhy() throws ContainerException {
    RuntimeSelection selection = ContainerRuntimes.select("auto");

    assertThat(selection.runtime().name()).isEqualTo("process");
    assertThat(selection.why()).isEqualTo("auto chose process: no native runtime in this build");
  }

  @Test
  void processIsChosenWhenAskedFor() throws ContainerException {
    RuntimeSelection selection = ContainerRuntimes.select("process");

    assertThat(selection.runtime().name()).isEqualTo("process");
    assertThat(selection.why()).isEqualTo("containermatrix.backend=process asked for the process backend");
  }

  @Test
  void refusesBackendsThatAreNotBuiltYet() {
    assertThatThrownBy(() -> ContainerRuntimes.select("native"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("containermatrix.backend=native is not built yet: use containermatrix.backend=process or containermatrix.backend=auto");
    assertThatThrownBy(() -> ContainerRuntimes.select("docker"))
        .hasMessage("containermatrix.backend=docker is not built yet: use containermatrix.backend=process or containermatrix.backend=auto");
  }

  @Test
  void refusesAnUnknownBackendListingTheValidOnes() {
    assertThatThrownBy(() -> ContainerRuntimes.select("podman"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("containermatrix.backend=podman names no backend: use one of auto, native, docker, process");
  }
}
