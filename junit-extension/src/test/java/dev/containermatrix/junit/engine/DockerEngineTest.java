package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.junit.engine.fixtures.MemoryHogFixture;
import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Class matrices on the docker backend: the same tests and report as on native. */
class DockerEngineTest {
  @TempDir Path reports;

  @BeforeEach
  void requireDocker() {
    HostRequirements.requireDockerEngine();
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
