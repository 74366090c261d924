package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertVariantFailedAndItsTestAborted;
import static dev.containermatrix.junit.engine.EngineRuns.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.junit.engine.fixtures.StuckCopiedFixture;
import dev.containermatrix.junit.engine.fixtures.StuckFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A variant killed at its timeout leaves a thread dump of its JVM in its stdout log, and the report
 * names the test that was running.
 */
class TimeoutThreadDumpTest {
  @TempDir Path reports;

  private void assertTheDumpAndTheRunningTestAreReported(String backend) throws Exception {
    assertTheDumpAndTheRunningTestAreReported(
        EngineRuns.engine(reports, backend), StuckFixture.class, "mode=stuck", "3s", "stdout.log");
  }

  private void assertTheDumpAndTheRunningTestAreReported(
      EngineTestKit.Builder engine,
      Class<?> fixture,
      String variantName,
      String timeout,
      String log)
      throws Exception {
    EngineExecutionResults results = engine.selectors(selectClass(fixture)).execute();

    String test = fixture.getName() + "#waitsForever()";
    assertVariantFailedAndItsTestAborted(
        results, "variant " + variantName + " timed out after " + timeout);
    JsonNode variant = report(reports).get("variants").get(0);
    assertThat(variant.get("status").asText()).isEqualTo("INFRA_ERROR");
    assertThat(variant.get("runningTest").asText()).isEqualTo(test);
    assertThat(variant.has("attempts"))
        .as("a timeout is not retried: the same test would time out again")
        .isFalse();
    assertThat(variant.get("reason").asText())
        .startsWith("timed out after " + timeout)
        .contains(" while running " + test)
        .contains("; a thread dump taken before it was killed is in its " + log);
    String output = Files.readString(reports.resolve(variant.get("logs").asText()).resolve(log));
    assertThat(output)
        .contains("Full thread dump")
        .contains(fixture.getSimpleName() + ".waitHere")
        .contains("JNI global refs");
  }

  @Test
  void onTheProcessBackend() throws Exception {
    assertTheDumpAndTheRunningTestAreReported("process");
  }

  @Test
  void onTheDockerBackend() throws Exception {
    HostRequirements.requireDockerEngine();
    assertTheDumpAndTheRunningTestAreReported("docker");
  }

  @Test
  void onTheDockerBackendWithCopiedFilesWhereTheJvmsStdoutGoesToStderr() throws Exception {
    HostRequirements.requireDockerEngine();
    DockerCopiedFilesEngineTest.temurinJdkImageWithShell();
    assertTheDumpAndTheRunningTestAreReported(
        EngineRuns.engine(reports, "docker")
            .configurationParameter("containermatrix.docker.files", "copy"),
        StuckCopiedFixture.class,
        "jdk=oci-layout:target/test-images/temurin-jdk-sh",
        "20s",
        "stderr.log");
  }

  @Test
  void onTheNativeBackend() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "the native backend's engine tests run as root");
    assertTheDumpAndTheRunningTestAreReported("native");
  }
}
