package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archived variant made of the host's {@code echo} and its native closure, exported, loaded into
 * the real Docker engine with {@code docker load} and run with {@code docker run}; and the archive
 * itself read by skopeo as an OCI layout.
 */
@Tag("docker")
class DockerExportTest {

  private static final Path ECHO = Path.of("/usr/bin/echo");

  @TempDir Path work;

  @Test
  void anExportedVariantLoadsIntoDockerAndRunsAndSkopeoReadsTheLayout() throws Exception {
    HostRequirements.require(
        HostCommand.works("docker", "info"),
        "a Docker engine (apt-get install docker.io; dockerd --bridge=none --iptables=false"
            + " --ip-masq=false)");
    HostRequirements.require(Files.isExecutable(ECHO), "a dynamically linked " + ECHO);
    ArchiveFixture fixture = ArchiveFixture.open(work);
    String marker = "archived-" + UUID.randomUUID();
    StoredLayer base =
        fixture.store.put(NativeClosure.layer(List.of(ECHO), List.of(Path.of("/etc/passwd"))));
    StoredLayer tool =
        fixture.store.put(ReproducibleLayer.builder().addFile("usr/bin/echo", ECHO, true).build());
    List<Descriptor> layers =
        new ArrayList<>(
            List.of(
                fixture.archive.writer().addLayer(base), fixture.archive.writer().addLayer(tool)));
    Descriptor manifest =
        fixture
            .archive
            .writer()
            .addImage(
                new ImageSpec(
                    layers,
                    List.of("PATH=/usr/bin"),
                    List.of("/usr/bin/echo", marker),
                    "/",
                    Map.of("dev.containermatrix.test", "export"),
                    ArchiveFixture.runtimeConfig("/usr/bin/echo", marker)));
    String runId = "r" + UUID.randomUUID().toString().substring(0, 8);
    ArchivedRun run = fixture.commit(runId, Instant.now(), Map.of("Echo_Variant", manifest));

    Path tar = work.resolve("echo.tar");
    Path config = fixture.archive.reader().export(run, "Echo_Variant", tar);

    assertThat(config).isEqualTo(work.resolve("echo.config.json"));
    JsonNode runtime = new ObjectMapper().readTree(config.toFile());
    assertThat(runtime.path("process").path("args").get(1).asText()).isEqualTo(marker);
    assertThat(runtime.path("root").path("path").asText()).isEqualTo("rootfs");
    String tag = "containermatrix/echo-variant:" + runId;
    try {
      assertThat(HostCommand.run(work, Map.of(), "docker", "load", "-i", tar.toString()))
          .contains("Loaded image: " + tag);
      assertThat(HostCommand.run(work, Map.of(), "docker", "run", "--rm", "--network", "none", tag))
          .isEqualTo(marker);
    } finally {
      HostCommand.works("docker", "rmi", "-f", tag);
    }
    if (HostCommand.works("skopeo", "--version")) {
      JsonNode inspected =
          new ObjectMapper()
              .readTree(
                  HostCommand.run(
                      work,
                      Map.of(),
                      "skopeo",
                      "inspect",
                      "oci:" + fixture.archive.directory() + ":" + runId + "-Echo_Variant"));
      assertThat(inspected.path("Layers").get(1).asText())
          .isEqualTo(layers.get(1).digest().toString());
    }
  }
}
