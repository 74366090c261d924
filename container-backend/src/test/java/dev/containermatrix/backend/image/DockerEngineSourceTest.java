package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEngineSourceTest {

  @Test
  void saysClearlyWhenNoEngineIsThere(@TempDir Path scratch) {
    Path socket = scratch.resolve("no-docker.sock");

    assertThatThrownBy(() -> new DockerEngineSource("cmtest/app:1", socket, scratch).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "docker:cmtest/app:1 needs a local Docker engine, but "
                + socket
                + " does not exist: start dockerd, or export the image elsewhere with docker save"
                + " and use docker-archive:<tar>");
  }

  @Test
  void aDockerSaveThatHangsIsKilledAfterItsTimeLimitAndSaysSo(@TempDir Path scratch)
      throws Exception {
    Path socket = Files.createFile(scratch.resolve("docker.sock"));
    Path docker = scratch.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho saving\nexec sleep 60\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(
            () ->
                new DockerEngineSource(
                        "cmtest/app:1",
                        socket,
                        scratch.resolve("work"),
                        Duration.ofSeconds(1),
                        docker)
                    .read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "docker save cmtest/app:1 did not finish within 1 s and was killed: saving: check that"
                + " the engine at "
                + socket
                + " answers (docker version), or export the image yourself with docker save -o"
                + " <tar> cmtest/app:1 and use docker-archive:<tar>");
    assertThat(scratch.resolve("work")).isEmptyDirectory();
  }
}
