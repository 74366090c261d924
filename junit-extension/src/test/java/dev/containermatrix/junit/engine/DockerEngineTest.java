package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.docker.DockerApi;
import dev.containermatrix.backend.docker.DockerHost;
import dev.containermatrix.backend.docker.ImageDetails;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.junit.engine.fixtures.MemoryHogFixture;
import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Class matrices on the docker backend: the same tests and report as on native. */
class DockerEngineTest {
  @TempDir Path reports;
  @TempDir Path work;

  @BeforeEach
  void requireDocker() {
    HostRequirements.requireDockerEngine();
  }

  @Test
  void aRunEndsByRemovingTheEnginesLayerImagesWhoseLayerLeftTheirStoreAndNoImageOfAUser()
      throws Exception {
    DockerApi docker = DockerApi.connect(DockerHost.DEFAULT);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path storeWithoutTheLayer = Files.createDirectories(work.resolve("store/layers/sha256"));
    String stale = "containermatrix/layers:test-stale-" + run;
    String users = "cmtest/engine-user:" + run;
    try {
      importWithOurLabels(stale, run, storeWithoutTheLayer);
      importWithOurLabels(users, run, storeWithoutTheLayer);

      EngineExecutionResults results =
          EngineRuns.engine(reports, "docker")
              .selectors(selectClass(TaggedFixture.class))
              .execute();

      results.testEvents().assertStatistics(s -> s.failed(0));
      assertThat(docker.listImages(List.of("dev.containermatrix.test.run=" + run)))
          .flatExtracting(ImageDetails::repoTags)
          .containsExactly(users);
    } finally {
      for (ImageDetails image : docker.listImages(List.of("dev.containermatrix.test.run=" + run))) {
        docker.removeImage(image.id(), true);
      }
    }
  }

  /**
   * Imports a one-file image as {@code name}, labelled with {@code run}, with our labels and a
   * chain naming a layer that {@code store} does not have, as a layer image looks after the store's
   * retention removed its layer.
   */
  private void importWithOurLabels(String name, String run, Path store) throws Exception {
    Path tar = work.resolve("rootfs.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      ReproducibleLayer.builder()
          .addFile("hello.txt", "hello".getBytes(StandardCharsets.UTF_8), false)
          .build()
          .writeTo(out);
    }
    Process docker =
        new ProcessBuilder(
                "docker",
                "import",
                "--change",
                "LABEL dev.containermatrix.test.run=" + run,
                "--change",
                "LABEL dev.containermatrix.layers=0123456789abcdef",
                "--change",
                "LABEL dev.containermatrix.layer-store=" + store,
                "--change",
                "LABEL dev.containermatrix.layer-chain=0123456789abcdef",
                tar.toString(),
                name)
            .redirectErrorStream(true)
            .start();
    String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(docker.waitFor()).as("docker import: %s", output).isZero();
  }

  @Test
  void aVariantKilledForExceedingItsMemoryIsReportedInNativesWords() throws Exception {
    EngineExecutionResults results =
        EngineRuns.engine(reports, "docker")
            .selectors(selectClass(MemoryHogFixture.class))
            .execute();

    EngineRuns.assertVariantFailedAndItsTestAborted(
        results,
        "variant resources=tiny was killed: it exceeded its memory limit of 160 MiB (OOM)");
    JsonNode variant = EngineRuns.report(reports).get("variants").get(0);
    assertThat(variant.get("status").asText()).isEqualTo("INFRA_ERROR");
  }

  @Test
  void aClassMatrixRunsEveryVariantInTheDockerEngineAndReportsIt() throws Exception {
    EngineExecutionResults results =
        EngineRuns.engine(reports, "docker").selectors(selectClass(TaggedFixture.class)).execute();

    results.testEvents().assertStatistics(s -> s.failed(0).succeeded(12));
    JsonNode report = EngineRuns.report(reports);
    assertThat(report.get("backend").asText()).isEqualTo("docker");
    assertThat(report.get("variants"))
        .allSatisfy(v -> assertThat(v.get("status").asText()).isEqualTo("PASSED"));
  }
}
