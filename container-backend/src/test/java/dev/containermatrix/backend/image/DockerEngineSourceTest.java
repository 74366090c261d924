package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEngineSourceTest {

  @Test
  void saysClearlyWhenNoEngineIsThere(@TempDir Path scratch) {
    Path socket = scratch.resolve("no-docker.sock");

    assertThatThrownBy(() -> new DockerEngineSource("cmtest/app:1", socket, scratch).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage("docker:cmtest/app:1 needs a local Docker engine, but " + socket + " does not exist: "
            + "start dockerd, or export the image elsewhere with docker save and use docker-archive:<tar>");
  }
}
