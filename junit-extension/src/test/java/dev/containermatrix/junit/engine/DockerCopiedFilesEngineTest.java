package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.junit.engine.fixtures.CopiedFilesFixture;
import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The docker backend as it runs against an engine in a VM ({@code containermatrix.docker.files=
 * copy}, forced here on an engine that could bind): nothing is bound from the host, the working
 * directory and config files go in as layers, and the events cross the container's attached stdout.
 */
class DockerCopiedFilesEngineTest {
  @TempDir Path reports;

  @BeforeEach
  void requireDocker() {
    HostRequirements.requireDockerEngine();
  }

  /** Temurin 25 at /opt/java/openjdk with this host's /bin/sh, written once per build. */
  static void temurinJdkImageWithShell() throws Exception {
    JdkImageEngineTest.temurinJdkImage(
        "temurin-jdk-sh", Map.of("sh", Path.of("/bin/sh").toRealPath()));
  }

  private EngineExecutionResults copied(Class<?> fixture) {
    return EngineRuns.engine(reports, "docker")
        .configurationParameter("containermatrix.docker.files", "copy")
        .selectors(selectClass(fixture))
        .execute();
  }

  @Test
  void eachVariantSeesTheModulesFilesAndItsConfigAndItsResultsCrossTheAttachedStream()
      throws Exception {
    temurinJdkImageWithShell();

    EngineExecutionResults results = copied(CopiedFilesFixture.class);

    results.testEvents().assertStatistics(s -> s.succeeded(4).failed(2));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            event(
                test("failsOnPurpose"),
                finishedWithFailure(message(m -> m.contains("crosses the attached stream")))));
    JsonNode report = EngineRuns.report(reports);
    assertThat(report.get("backend").asText()).isEqualTo("docker");
    assertThat(report.get("backendReason").asText()).contains("containermatrix.docker.files=copy");
    assertThat(report.get("variants")).hasSize(2);
    try (Stream<Path> logs = Files.walk(reports)) {
      List<String> said =
          logs.filter(p -> p.getFileName().toString().equals("stderr.log"))
              .map(DockerCopiedFilesEngineTest::read)
              .toList();
      assertThat(said)
          .anySatisfy(s -> assertThat(s).contains("copied-files-fixture says hello from kolkata"))
          .anySatisfy(s -> assertThat(s).contains("copied-files-fixture says hello from utc"));
    }
  }

  @Test
  void aVariantOnTheHostBaseFailsSayingWhatToDoInstead() {
    EngineExecutionResults results = copied(TaggedFixture.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("base 'host' is this host's own /usr")
                                && m.contains("containermatrix.docker.files=copy")
                                && m.contains("@JdkAxis(\"registry:eclipse-temurin:21-jdk\")")))));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
