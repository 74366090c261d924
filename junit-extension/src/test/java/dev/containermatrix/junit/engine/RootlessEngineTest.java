package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.UnprivilegedUser;
import dev.containermatrix.junit.engine.fixtures.TwoZonesFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole engine run by an unprivileged user ({@code cmtest}, switched to with setpriv): native
 * containers in user namespaces, built from layers the user's own store holds.
 */
class RootlessEngineTest {

  @Test
  void anUnprivilegedUserRunsAMatrixInRootlessNativeContainers() throws Exception {
    UnprivilegedUser.Workspace workspace = UnprivilegedUser.workspace("cm-rootless-engine-");
    Path shared = workspace.root();
    Path work = workspace.owned();
    try {
      Path log = shared.resolve("engine.log");
      // the module directory and the store side by side: a store inside the module is refused
      // (EngineSettings)
      Path module = work.resolve("module");
      UnprivilegedUser.run(
          List.of("install", "-d", "-o", "cmtest", "-g", "cmtest", module.toString()));
      List<String> command =
          workspace.javaCommand(
              List.of("-Duser.home=" + work, "-Dcontainermatrix.store=" + work.resolve("store")),
              EngineRunnerMain.class.getName(),
              List.of(
                  TwoZonesFixture.class.getName(), "native", work.resolve("reports").toString()));
      Process process = UnprivilegedUser.start(command, module, log);
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the rootless run ended").isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isZero();

      JsonNode report = new ObjectMapper().readTree(work.resolve("reports/report.json").toFile());
      assertThat(report.get("backend").asText()).as(output).isEqualTo("native");
      assertThat(report.get("backendReason").asText()).contains("rootless");
      JsonNode variants = report.get("variants");
      assertThat(variants).hasSize(2);
      int passed = 0;
      int failed = 0;
      for (JsonNode variant : variants) {
        assertThat(variant.get("status").asText()).as(variant.toString()).isIn("PASSED", "FAILED");
        assertThat(variant.get("layers")).isNotEmpty();
        passed += variant.get("tests").get("passed").asInt();
        failed += variant.get("tests").get("failed").asInt();
      }
      // as on the process backend: kolkata fails expectsUtc, everything else passes
      assertThat(passed).isEqualTo(3);
      assertThat(failed).isEqualTo(1);
    } finally {
      UnprivilegedUser.run(List.of("rm", "-rf", shared.toString()));
    }
  }
}
