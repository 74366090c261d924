package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real images from a real Docker engine: a base imported from a tar (one layer) and an app built on
 * it with two COPY steps, the second replacing the first's file (two more layers); then that image
 * as {@code docker save} writes it, as {@code docker:<name>}, and converted by skopeo into an OCI
 * archive (gzip layers) and an OCI layout (zstd layers).
 */
@Tag("docker")
class DockerEngineImagesTest {

  private static final String APP = "cmtest/app:1";

  @TempDir static Path work;
  private static Path saved;

  @BeforeAll
  static void buildImages() throws Exception {
    HostRequirements.require(
        DockerEngineSource.isAvailable() && HostCommand.works("docker", "info"),
        "a Docker engine at /var/run/docker.sock and the docker CLI (apt-get install docker.io;"
            + " dockerd --bridge=none --iptables=false --ip-masq=false)");
    Path base = Files.createDirectories(work.resolve("base/etc"));
    Files.writeString(base.resolve("old.conf"), "gone");
    Files.writeString(base.resolveSibling("hello.txt"), "base file");
    Path baseTar =
        OciLayoutFixture.tarDirectory(work.resolve("base"), work.resolve("base.tar"), Map.of());
    HostCommand.run(work, Map.of(), "docker", "import", baseTar.toString(), "cmtest/base:1");
    Path context = Files.createDirectories(work.resolve("context"));
    Files.writeString(context.resolve("app.txt"), "v1");
    Files.writeString(context.resolve("app2.txt"), "v2");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM cmtest/base:1\n"
            + "COPY app.txt /app/app.txt\n"
            + "COPY app2.txt /app/app.txt\n"
            + "ENV GREETING=hi\n");
    HostCommand.run(
        context, Map.of("DOCKER_BUILDKIT", "0"), "docker", "build", "-q", "-t", APP, ".");
    saved = work.resolve("app.tar");
    HostCommand.run(work, Map.of(), "docker", "save", "-o", saved.toString(), APP);
  }

  @Test
  void readsADockerSaveArchiveBottomFirstWithLayersMatchingTheirDiffIds() throws Exception {
    Image image = new DockerArchiveReader(saved).read();

    assertThat(image.configDigest())
        .hasToString(
            HostCommand.run(work, Map.of(), "docker", "image", "inspect", "-f", "{{.Id}}", APP));
    assertThat(image.config().os()).isEqualTo("linux");
    assertThat(image.config().architecture()).isEqualTo(Platform.host().architecture());
    assertThat(image.config().env()).contains("GREETING=hi");
    assertThat(image.layers())
        .hasSize(3)
        .extracting(ImageLayerBlob::compression)
        .containsOnly(Compression.NONE);
    for (int i = 0; i < 3; i++) {
      assertThat(Digest.of(image.layers().get(i).openUncompressed()))
          .isEqualTo(image.config().diffIds().get(i));
    }
    assertThat(OciLayoutFixture.entries(image.layers().get(0).openUncompressed()))
        .containsKeys("hello.txt", "etc/old.conf");
    assertThat(OciLayoutFixture.entries(image.layers().get(2).openUncompressed()))
        .containsEntry("app/app.txt", "v2");
  }

  @Test
  void readsAnImageFromTheEngineByNameThroughDockerSave(@TempDir Path scratch) throws Exception {
    ImageReference reference = ImageReferences.parse("docker:" + APP, Path.of("/"));
    Image image = ImageReaders.of(reference, scratch).read();

    assertThat(image.reference()).isEqualTo("docker:cmtest/app:1");
    assertThat(image.config()).isEqualTo(new DockerArchiveReader(saved).read().config());
    assertThat(Digest.of(image.layers().get(1).openUncompressed()))
        .isEqualTo(image.config().diffIds().get(1));
    assertThat(scratch).isDirectoryContaining("glob:**/docker-save-*.tar");
  }

  @Test
  void anImageTheEngineDoesNotHaveIsNamedWithDockersAnswer(@TempDir Path scratch) {
    assertThatThrownBy(() -> new DockerEngineSource("cmtest/missing:1", scratch).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageStartingWith("docker save cmtest/missing:1 failed with exit code 1: ")
        .hasMessageContaining("cmtest/missing")
        .hasMessageEndingWith(
            ": check that the engine at /var/run/docker.sock has the image (docker image ls"
                + " cmtest/missing:1)");
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void readsSkopeosOciArchiveWithGzipLayersAndOciLayoutWithZstdLayers() throws Exception {
    HostRequirements.require(
        HostCommand.works("skopeo", "--version"),
        "skopeo (apt-get install skopeo) to convert the saved image to OCI");
    Path archive = work.resolve("app-oci.tar");
    Path layout = work.resolve("app-zstd");
    HostCommand.run(
        work,
        Map.of(),
        "skopeo",
        "copy",
        "-q",
        "docker-archive:" + saved,
        "oci-archive:" + archive + ":app");
    HostCommand.run(
        work,
        Map.of(),
        "skopeo",
        "copy",
        "-q",
        "--dest-compress",
        "--dest-compress-format",
        "zstd",
        "docker-archive:" + saved,
        "oci:" + layout + ":app");
    List<Digest> diffIds = new DockerArchiveReader(saved).read().config().diffIds();

    for (Image image :
        List.of(new OciArchiveReader(archive).read(), new OciLayoutReader(layout).read())) {
      assertThat(image.config().diffIds()).isEqualTo(diffIds);
      for (int i = 0; i < 3; i++) {
        assertThat(Digest.of(image.layers().get(i).openUncompressed())).isEqualTo(diffIds.get(i));
      }
    }
    assertThat(new OciArchiveReader(archive).read().layers())
        .extracting(ImageLayerBlob::compression)
        .containsOnly(Compression.GZIP);
    assertThat(new OciLayoutReader(layout).read().layers())
        .extracting(ImageLayerBlob::compression)
        .containsOnly(Compression.ZSTD);
  }
}
