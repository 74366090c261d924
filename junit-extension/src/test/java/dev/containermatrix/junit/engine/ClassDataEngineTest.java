package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.junit.engine.fixtures.ClassDataFixture;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Class-data archives on the native backend: trained once per store and reused, stacked as a layer
 * right above the shared jars, skipped with a reason where the agent is not in a shared jar, and
 * never used with {@code containermatrix.classData=off}.
 */
class ClassDataEngineTest {
  private static final String JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64";

  @TempDir Path scratch;

  @BeforeEach
  void requireRootAndJdk17() {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend's engine tests run as root");
    HostRequirements.require(
        Files.isExecutable(Path.of(JDK17, "bin/java")), "JDK 17 is not at " + JDK17);
  }

  @Test
  void aSecondRunInTheSameStoreTrainsNothingAndOffUsesNoArchive() throws Exception {
    Path store = scratch.resolve("store");
    List<String> classpath = classpathWithThisModuleAsAJar();

    JsonNode first = hostRun(classpath, store, "first", "auto");
    JsonNode second = hostRun(classpath, store, "second", "auto");
    JsonNode off = hostRun(classpath, store, "off", "off");

    assertThat(layerRoles(first)).containsExactly("jdk", "shared-jars", "class-data", "classes");
    assertThat(classDataLayer(first).get("built").asBoolean()).isTrue();
    assertThat(classDataLayer(second).get("built").asBoolean()).isFalse();
    assertThat(classDataLayer(second).get("digest")).isEqualTo(classDataLayer(first).get("digest"));
    assertThat(stdout(scratch.resolve("second"), second))
        .contains("-XX:SharedArchiveFile=/opt/containermatrix/class-data/");
    assertThat(layerRoles(off)).doesNotContain("class-data");
    assertThat(stdout(scratch.resolve("off"), off))
        .contains("jvm options: ")
        .doesNotContain("SharedArchiveFile");
  }

  @Test
  void aVariantStartsFromAClassDataArchiveEvenWhenTheEngineIsAClassDirectory() {
    // junit-extension is target/classes here; a variant gets the agent jar cut from it, which can
    // be archived
    EngineExecutionResults results =
        EngineTestKit.engine(ContainerMatrixTestEngine.ENGINE_ID)
            .configurationParameter(
                "containermatrix.report.dir", scratch.resolve("reports").toString())
            .configurationParameter("containermatrix.backend", "native")
            .configurationParameter("containermatrix.store", scratch.resolve("store").toString())
            .selectors(selectClass(ClassDataFixture.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(
            results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey("classData")))
        .extracting(pairs -> pairs.get("classData"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches("(AppCDS archive|AOT cache) sha256:[0-9a-f]{64} \\(built this run\\)");
  }

  @Test
  void refusesAStoreInsideTheModuleDirectorySayingWhereToPutIt() {
    assertThatThrownBy(
            () ->
                EngineSettings.from(
                    new MapParameters(Map.of("containermatrix.store", "target/store"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Configuration parameter containermatrix.store='")
        .hasMessageContaining("target/store' is inside the module directory")
        .hasMessageEndingWith(
            "put the store outside the module (the default is ~/.cache/containermatrix)");
  }

  @Test
  void rejectsAnUnknownClassDataSettingNamingKeyValueAndChoices() {
    assertThatThrownBy(
            () ->
                EngineSettings.from(
                    new MapParameters(Map.of("containermatrix.classData", "always"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Configuration parameter containermatrix.classData='always' is not one of auto, off;"
                + " set it to auto (variants start from a class-data archive where the backend uses"
                + " layers) or off");
  }

  /**
   * Runs the fixture in a host JVM of its own, whose classpath is {@code classpath}; returns its
   * report.json.
   */
  private JsonNode hostRun(List<String> classpath, Path store, String name, String classData)
      throws Exception {
    Path reports = scratch.resolve(name);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process host =
        new ProcessBuilder(
                java.toString(),
                "-Dcontainermatrix.store=" + store,
                "-Dcontainermatrix.classData=" + classData,
                "-cp",
                String.join(File.pathSeparator, classpath),
                EngineRunnerMain.class.getName(),
                ClassDataFixture.class.getName(),
                "native",
                reports.toString())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve(name + ".log").toFile())
            .start();
    assertThat(host.waitFor()).as(Files.readString(scratch.resolve(name + ".log"))).isZero();
    JsonNode report = EngineRuns.report(reports);
    assertThat(report.get("variants").get(0).get("status").asText())
        .as(Files.readString(scratch.resolve(name + ".log")))
        .isEqualTo("PASSED");
    return report;
  }

  /**
   * This JVM's classpath with this module's main classes packed into a jar, as a project that
   * depends on it has them.
   */
  private List<String> classpathWithThisModuleAsAJar() throws IOException {
    Path classes =
        Path.of(
            ContainerMatrixTestEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    Path jar = scratch.resolve("junit-extension.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> tree = Files.walk(classes)) {
      for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
      }
    }
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(
          Path.of(entry).toAbsolutePath().equals(classes.toAbsolutePath())
              ? jar.toString()
              : entry);
    }
    assertThat(entries).contains(jar.toString());
    return entries;
  }

  private static List<String> layerRoles(JsonNode report) {
    List<String> roles = new ArrayList<>();
    report.get("variants").get(0).get("layers").forEach(l -> roles.add(l.get("role").asText()));
    return roles;
  }

  private static JsonNode classDataLayer(JsonNode report) {
    for (JsonNode layer : report.get("variants").get(0).get("layers")) {
      if (layer.get("role").asText().equals("class-data")) {
        return layer;
      }
    }
    throw new AssertionError(
        "no class-data layer in " + report.get("variants").get(0).get("layers"));
  }

  private static String stdout(Path reports, JsonNode report) throws IOException {
    JsonNode variant = report.get("variants").get(0);
    return Files.readString(reports.resolve(variant.get("logs").asText()).resolve("stdout.log"));
  }
}
