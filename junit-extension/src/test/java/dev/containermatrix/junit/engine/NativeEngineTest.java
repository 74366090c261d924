package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertVariantFailedAndItsTestAborted;
import static dev.containermatrix.junit.engine.EngineRuns.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.image.TestImages;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.junit.engine.fixtures.JdkImageFixture;
import dev.containermatrix.junit.engine.fixtures.MemoryHogFixture;
import dev.containermatrix.junit.engine.fixtures.NativeOnlyFixture;
import dev.containermatrix.junit.engine.fixtures.TwoImagesFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The engine on the native backend, as root: what only containers give a variant. */
class NativeEngineTest {
  @TempDir Path reports;

  @BeforeEach
  void requireRoot() {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend's engine tests run as root");
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return EngineRuns.engine(reports, "native").selectors(selectClass(fixture)).execute();
  }

  @Test
  void aVariantSeesItsHostnameLimitsAndConfigFilesFromItsTopLayerAndTheReportSaysNative()
      throws Exception {
    EngineExecutionResults results = run(NativeOnlyFixture.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    JsonNode report = report(reports);
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
  void theReportShowsEachVariantsPeakMemoryOfAtLeastWhatItWroteWithOrWithoutAMemoryLimit()
      throws Exception {
    EngineExecutionResults results =
        run(dev.containermatrix.junit.engine.fixtures.PeakMemoryFixture.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    JsonNode variants = report(reports).get("variants");
    assertThat(variants)
        .extracting(v -> v.get("name").asText())
        .containsExactlyInAnyOrder("resources=roomy", "resources=unlimited");
    for (JsonNode variant : variants) {
      boolean limited = variant.get("name").asText().equals("resources=roomy");
      assertThat(variant.path("limits").path("memoryBytes").isIntegralNumber())
          .as(variant.toString())
          .isEqualTo(limited);
      assertThat(variant.get("notEnforced")).as(variant.toString()).isEmpty();
      assertThat(variant.path("peakMemoryBytes").isIntegralNumber())
          .as(variant.toString())
          .isTrue();
      assertThat(variant.get("peakMemoryBytes").asLong())
          .as(variant.toString())
          .isGreaterThanOrEqualTo(64L << 20);
    }
  }

  @Test
  void aVariantLargerThanTheHostRunsAloneAndItsNodeSaysSo() {
    EngineExecutionResults results =
        run(dev.containermatrix.junit.engine.fixtures.LargerThanHostFixture.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(
            results.containerEvents().reportingEntryPublished().stream()
                .map(
                    e ->
                        e.getTestDescriptor().getDisplayName()
                            + ": "
                            + e.getRequiredPayload(
                                    org.junit.platform.engine.reporting.ReportEntry.class)
                                .getKeyValuePairs()
                                .get("admission"))
                .filter(entry -> !entry.endsWith(": null")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "resources=huge: ran alone: its limits (cpus=4096.0) are more than this host has for"
                + " variants (");
  }

  @Test
  void aVariantKilledForExceedingItsMemoryIsReportedInPlainWordsAndCountedOnce() throws Exception {
    EngineExecutionResults results = run(MemoryHogFixture.class);

    assertVariantFailedAndItsTestAborted(
        results,
        "variant resources=tiny was killed: it exceeded its memory limit of 160 MiB (OOM)");
    JsonNode variant = report(reports).get("variants").get(0);
    assertThat(variant.get("status").asText()).isEqualTo("INFRA_ERROR");
    assertThat(variant.get("reason").asText())
        .startsWith("was killed: it exceeded its memory limit of 160 MiB (OOM)");
    assertThat(variant.get("failures")).isEmpty();
    assertThat(reports.resolve(variant.get("logs").asText())).isDirectory();
  }

  @Test
  void eachVariantRunsOnItsBaseImageWhoseLayersTheReportLists() throws Exception {
    Path temurin = TestImages.requireTemurin();
    for (String name : List.of("alpha", "beta")) {
      Path layout = Path.of("target", "test-images", name).toAbsolutePath();
      dev.containermatrix.backend.rundir.RunDirectory.deleteRecursively(layout);
      TestImages.writeJdkRuntimeImage(layout, temurin, name);
    }

    EngineExecutionResults results = run(TwoImagesFixture.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    JsonNode report = report(reports);
    for (JsonNode variant : report.get("variants")) {
      assertThat(variant.get("layers").get(0).get("role").asText()).isEqualTo("base");
    }
  }

  @Test
  void aJdkImageVariantRunsOnTheJdkInsideTheImageAndAHostVariantOnTheHostsJdk() throws Exception {
    JdkImageEngineTest.temurinJdkImage();

    EngineExecutionResults results = run(JdkImageFixture.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(
            results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().contains("oci-layout:"))
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                // a variant's node carries other entries too (its values)
                .filter(entry -> entry.containsKey("classData"))
                .map(entry -> entry.get("classData")))
        .as("class data is trained inside the image, on its JDK 25: an AOT cache")
        .hasSize(2)
        .allMatch(entry -> entry.startsWith("AOT cache sha256:"), "an AOT cache");
    for (JsonNode variant : report(reports).get("variants")) {
      JsonNode jdk = variant.get("jdk");
      List<String> roles = new java.util.ArrayList<>();
      variant.get("layers").forEach(l -> roles.add(l.get("role").asText()));
      if (variant.get("values").get("jdk").asText().equals("17")) {
        assertThat(jdk.get("feature").asInt()).isEqualTo(17);
        assertThat(jdk.get("inImage").asBoolean()).isFalse();
        assertThat(roles).contains("jdk").doesNotContain("base");
      } else {
        assertThat(jdk.get("feature").asInt()).isEqualTo(25);
        assertThat(jdk.get("home").asText()).isEqualTo("/opt/java/openjdk");
        assertThat(jdk.get("inImage").asBoolean()).isTrue();
        assertThat(roles)
            .as("the JDK comes from the base image")
            .contains("base")
            .doesNotContain("jdk");
      }
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
        EngineRuns.engine(reports, "native")
            .configurationParameter("containermatrix.store", store.toString())
            .selectors(selectClass(NativeOnlyFixture.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(stale.directory()).doesNotExist();
    JsonNode disk = report(reports).get("disk");
    assertThat(disk.get("layersCollected").asInt()).isEqualTo(1);
    assertThat(disk.get("layersBuilt").asInt()).isPositive();
  }
}
