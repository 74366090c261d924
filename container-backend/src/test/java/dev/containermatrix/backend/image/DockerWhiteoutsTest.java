package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.TestSpecs;
import dev.containermatrix.backend.testmains.WhiteoutProbeMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whiteouts as a real Docker engine writes them: an image whose later layers delete a file and
 * replace a directory ({@code RUN rm}), saved with {@code docker save}, put into the layer store,
 * and run on the native backend, which must not show what the image deleted.
 */
@Tag("docker")
class DockerWhiteoutsTest {
  private static final String IMAGE = "cmtest/whiteouts:1";

  @TempDir Path work;

  @Test
  void deletionsOfARealDockerImageAreGoneInTheStoreAndInTheContainer() throws Exception {
    HostRequirements.require(
        DockerEngineSource.isAvailable() && HostCommand.works("docker", "info"),
        "a Docker engine at /var/run/docker.sock (apt-get install docker.io; dockerd --bridge=none"
            + " --iptables=false --ip-masq=false)");
    HostRequirements.require(
        NativeTestSupport.isRoot(), "native containers on image layers need root here");
    Path temurin = TestImages.requireTemurin();
    Path rootfs =
        TestImages.writeRootfsTar(
            work.resolve("tools.tar"),
            temurin,
            Map.of(
                "sh",
                Path.of("/bin/dash"),
                "rm",
                Path.of("/bin/rm"),
                "mkdir",
                Path.of("/bin/mkdir"),
                "touch",
                Path.of("/bin/touch")),
            Map.of(
                "etc/removed.conf",
                "x",
                "etc/kept.conf",
                "y",
                "usr/share/doc/a/readme",
                "a",
                "usr/share/doc/b",
                "b"));
    HostCommand.run(work, Map.of(), "docker", "import", rootfs.toString(), "cmtest/tools:1");
    Path context = Files.createDirectories(work.resolve("context"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM cmtest/tools:1\n"
            + "RUN rm /etc/removed.conf\n"
            + "RUN rm -r /usr/share/doc && mkdir -p /usr/share/doc && touch /usr/share/doc/only\n");
    HostCommand.run(
        context,
        Map.of("DOCKER_BUILDKIT", "0"),
        "docker",
        "build",
        "-q",
        "--network",
        "none",
        "-t",
        IMAGE,
        ".");
    Path saved = work.resolve("whiteouts.tar");
    HostCommand.run(work, Map.of(), "docker", "save", "-o", saved.toString(), IMAGE);

    Image image = new DockerArchiveReader(saved).read();
    assertThat(image.layers()).hasSize(3);
    assertThat(OciLayoutFixture.entries(image.layers().get(1).openUncompressed()))
        .containsKey("etc/.wh.removed.conf");
    assertThat(OciLayoutFixture.entries(image.layers().get(2).openUncompressed()))
        .containsKey("usr/share/doc/.wh..wh..opq");
    List<StoredLayer> layers = ImageImport.intoStore(image, LayerStore.open(work.resolve("store")));

    Path whiteout = layers.get(1).directory().resolve("etc/removed.conf");
    assertThat((int) Files.getAttribute(whiteout, "unix:mode") & 0170000).isEqualTo(0020000);
    assertThat((long) Files.getAttribute(whiteout, "unix:rdev")).isZero();
    assertThat(
            LinuxCalls.system()
                .getxattr(
                    layers.get(2).directory().resolve("usr/share/doc"), "trusted.overlay.opaque"))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .contains("y");

    NativeRuntime runtime = new NativeRuntime(NativeTestSupport.rootHost());
    try {
      ContainerSpec spec =
          TestSpecs.imageSpec(
              NativeTestSupport.scratch("whiteouts"),
              "whiteouts",
              WhiteoutProbeMain.class,
              "docker-archive:" + saved,
              layers,
              temurin,
              "whiteouts");
      try (ContainerHandle handle = runtime.launch(spec)) {
        assertThat(NativeTestSupport.probeOutput(handle))
            .containsEntry("removed-conf", "false")
            .containsEntry("kept-conf", "true")
            .containsEntry("doc", "only");
      }
    } finally {
      runtime.close();
    }
  }
}
