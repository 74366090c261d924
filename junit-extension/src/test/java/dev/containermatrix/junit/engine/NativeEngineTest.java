package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.image.TestImages;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.junit.engine.fixtures.MemoryHogFixture;
import dev.containermatrix.junit.engine.fixtures.NativeOnlyFixture;
import dev.containermatrix.junit.engine.fixtures.TwoImagesFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The engine on the native backend, as root: what only containers give a variant. */
class NativeEngineTest {
  @TempDir Path reports;

  @BeforeEach
  void requireRoot() {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend's engine tests run as root");
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine(ContainerMatrixTestEngine.ENGINE_ID)
        .enableImplicitConfigurationParameters(
            true) // the build's archive dir (surefire system property)
        .configurationParameter("containermatrix.report.dir", reports.toString())
        .configurationParameter("containermatrix.backend", "native")
        .selectors(selectClass(fixture))
        .execute();
  }

  @Test
  void aVariantSeesItsHostnameLimitsAndConfigFilesFromItsTopLayerAndTheReportSaysNative()
      throws Exception {
    EngineExecutionResults results = run(NativeOnlyFixture.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    assertThat(report.get("backend").asText()).isEqualTo("native");
    JsonNode variant = report.get("variants").get(0);
    assertThat(variant.get("limits").get("memoryBytes").asLong()).isEqualTo(512L << 20);
    assertThat(variant.get("notEnforced")).isEmpty();
    JsonNode layers = variant.get("layers");
    assertThat(layers.get(layers.size() - 1).get("role").asText())
        .as("the config file comes from a config layer at the top of the stack")
        .isEqualTo("config");
  }

  @Test
  void aVariantKilledForExceedingItsMemoryIsReportedInPlainWordsAndCountedOnce() throws Exception {
    EngineExecutionResults results = run(MemoryHogFixture.class);

    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                new Condition<Event>(
                    e -> e.getTestDescriptor() instanceof VariantDescriptor, "a variant"),
                finishedWithFailure(
                    instanceOf(VariantFailedException.class),
                    message(
                        m ->
                            m.startsWith(
                                "variant resources=tiny was killed: it exceeded its memory limit of"
                                    + " 160 MiB (OOM)")))));
    results.containerEvents().assertStatistics(s -> s.failed(1));
    results.testEvents().assertStatistics(s -> s.failed(0).aborted(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                abortedWithReason(
                    message(
                        m ->
                            m.startsWith(
                                "did not finish: variant resources=tiny was killed: it exceeded its"
                                    + " memory limit of 160 MiB (OOM)")))));
    JsonNode variant =
        new ObjectMapper().readTree(reports.resolve("report.json").toFile()).get("variants").get(0);
    assertThat(variant.get("status").asText()).isEqualTo("INFRA_ERROR");
    assertThat(variant.get("reason").asText())
        .startsWith("was killed: it exceeded its memory limit of 160 MiB (OOM)");
    assertThat(variant.get("failures")).isEmpty();
    assertThat(reports.resolve(variant.get("logs").asText())).isDirectory();
  }

  @Test
  void eachVariantRunsOnItsBaseImageWhoseLayersTheReportLists() throws Exception {
    Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    HostRequirements.require(
        Files.isExecutable(temurin.resolve("bin/java")), "Temurin 25 is not at " + temurin);
    for (String name : List.of("alpha", "beta")) {
      Path layout = Path.of("target", "test-images", name).toAbsolutePath();
      dev.containermatrix.backend.rundir.RunDirectory.deleteRecursively(layout);
      TestImages.writeJdkRuntimeImage(layout, temurin, name);
    }

    EngineExecutionResults results = run(TwoImagesFixture.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    for (JsonNode variant : report.get("variants")) {
      assertThat(variant.get("layers").get(0).get("role").asText()).isEqualTo("base");
    }
  }

  @Test
  void aRunEndsByCollectingLayersNoRunHasUsedForLong() throws Exception {
    Path store = reports.resolve("store");
    var layerStore = dev.containermatrix.backend.layers.LayerStore.open(store);
    var stale =
        layerStore.put(
            dev.containermatrix.backend.layers.ReproducibleLayer.builder()
                .addFile(
                    "opt/stale.txt",
                    "from a run long ago".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    false)
                .build());
    Path record = Path.of(stale.directory() + ".json");
    Files.writeString(
        record,
        Files.readString(record)
            .replaceAll("\"lastUsed\" : \"[^\"]*\"", "\"lastUsed\" : \"2000-01-01T00:00:00Z\""));

    EngineExecutionResults results =
        EngineTestKit.engine(ContainerMatrixTestEngine.ENGINE_ID)
            .enableImplicitConfigurationParameters(
                true) // the build's archive dir (surefire system property)
            .configurationParameter("containermatrix.report.dir", reports.toString())
            .configurationParameter("containermatrix.backend", "native")
            .configurationParameter("containermatrix.store", store.toString())
            .selectors(selectClass(NativeOnlyFixture.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(stale.directory()).doesNotExist();
    JsonNode disk =
        new ObjectMapper().readTree(reports.resolve("report.json").toFile()).get("disk");
    assertThat(disk.get("layersCollected").asInt()).isEqualTo(1);
    assertThat(disk.get("layersBuilt").asInt()).isPositive();
  }
}
