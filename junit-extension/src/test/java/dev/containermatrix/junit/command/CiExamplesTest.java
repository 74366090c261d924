package dev.containermatrix.junit.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI examples in {@code docs/ci/} parse as YAML, run {@code mvn verify} with their shard
 * expression, upload the shard reports and merge them with {@code merge-reports}. Read from the
 * source tree, relative to the reactor's root (as {@code PackageMapTest} reads the docs).
 */
class CiExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode read(String name) throws IOException {
    Path root =
        Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    return YAML.readTree(root.resolve("docs/ci").resolve(name).toFile());
  }

  /** Every {@code run} or {@code script} line of a job, joined. */
  private static String commands(JsonNode job) {
    List<String> lines = new ArrayList<>();
    job.path("steps").forEach(step -> lines.add(step.path("run").asText()));
    job.path("script").forEach(line -> lines.add(line.asText()));
    return String.join("\n", lines);
  }

  @Test
  void gitHubActionsRunsAMatrixOfFourShardsAndAMergeJob() throws IOException {
    JsonNode jobs = read("github-actions.yml").get("jobs");

    JsonNode test = jobs.get("test");
    assertThat(test.at("/strategy/matrix/shard"))
        .extracting(JsonNode::asInt)
        .containsExactly(1, 2, 3, 4);
    assertThat(commands(test))
        .contains("mvn -B verify")
        .contains("-Dcontainermatrix.shard=${{ matrix.shard }}/4")
        .contains("-Dsurefire.reportNameSuffix=shard-${{ matrix.shard }}");
    assertThat(test.get("steps").toString())
        .contains("actions/upload-artifact")
        .contains("containermatrix-shard-${{ matrix.shard }}")
        .contains("report-*-of-*.json")
        .contains("surefire-reports");

    JsonNode merge = jobs.get("merge");
    assertThat(merge.get("needs").asText()).isEqualTo("test");
    assertThat(merge.get("steps").toString()).contains("actions/download-artifact");
    assertThat(commands(merge)).contains("merge-reports -o merged shards");
  }

  @Test
  void gitLabRunsFourParallelJobsWithTheNodeIndexAndAMergeStage() throws IOException {
    JsonNode ci = read("gitlab-ci.yml");

    JsonNode test = ci.get("test");
    assertThat(test.get("parallel").asInt()).isEqualTo(4);
    assertThat(commands(test))
        .contains("mvn -B verify")
        .contains("-Dcontainermatrix.shard=$CI_NODE_INDEX/$CI_NODE_TOTAL")
        .contains("-Dsurefire.reportNameSuffix=shard-$CI_NODE_INDEX");
    assertThat(test.at("/artifacts/paths").toString()).contains("report-*-of-*.json");

    JsonNode merge = ci.get("merge-reports");
    assertThat(merge.get("stage").asText()).isEqualTo("report");
    assertThat(ci.get("stages")).extracting(JsonNode::asText).containsExactly("test", "report");
    assertThat(commands(merge)).contains("merge-reports -o merged");
  }
}
