package dev.containermatrix.junit.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar junit-extension.jar <command>}, called in process. */
class ContainerMatrixCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ContainerMatrixCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path shard(String artifact, int k, int n, String... variantIds) throws IOException {
    StringBuilder variants = new StringBuilder();
    for (String id : variantIds) {
      variants
          .append(variants.isEmpty() ? "" : ",")
          .append(
              "{\"id\": \"%s\", \"class\": \"demo.A\", \"status\": \"PASSED\", \"durationMillis\": 5}"
                  .formatted(id));
    }
    Path file =
        dir.resolve(artifact).resolve("target/containermatrix/report-" + k + "-of-" + n + ".json");
    Files.createDirectories(file.getParent());
    return Files.writeString(
        file,
        """
        {"runId": "run-%d", "startedAt": "2026-01-01T10:00:0%dZ", "backend": "process",
         "host": {"kernel": "Linux"}, "shard": {"index": %d, "total": %d},
         "matrices": [{"class": "demo.A", "variants": 3, "variantsRun": %d}],
         "variants": [%s]}\
        """
            .formatted(k, k, k, n, variantIds.length, variants));
  }

  @Test
  void mergeReportsMergesTheShardsFoundInDirectoriesIntoReportJson() throws IOException {
    shard("containermatrix-shard-1", 1, 2, "v1", "v2");
    shard("containermatrix-shard-2", 2, 2, "v3");
    Path merged = dir.resolve("merged");

    int status =
        run(
            "merge-reports",
            "-o",
            merged.toString(),
            dir.resolve("containermatrix-shard-1").toString(),
            dir.resolve("containermatrix-shard-2").toString());

    assertThat(status).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("merged 2 reports into " + merged.resolve("report.json") + "\n");
    JsonNode report = new ObjectMapper().readTree(merged.resolve("report.json").toFile());
    assertThat(report.get("variants"))
        .extracting(v -> v.get("id").asText())
        .containsExactly("v1", "v2", "v3");
    assertThat(report.get("matrices").get(0).get("variantsRun").asInt()).isEqualTo(3);
    // the merged run's page, beside it, shows every shard's variants
    assertThat(Files.readString(merged.resolve("report.html")))
        .startsWith("<!DOCTYPE html>")
        .contains("data-variant=\"v1\"", "data-variant=\"v2\"", "data-variant=\"v3\"");
  }

  @Test
  void mergeReportsWithoutReportsIsAUsageError() {
    int status = run("merge-reports", "-o", dir.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .startsWith(
            "merge-reports needs the reports to merge: report-<k>-of-<n>.json or report.json"
                + " files, or the directories that hold them\nusage:\n")
        .contains("merge-reports [-o <dir>]");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("merge-reports", "--frobnicate", "x")).isEqualTo(2);
    assertThat(err()).startsWith("unknown option --frobnicate\n");
  }

  @Test
  void aFileThatIsNotAReportFailsNamingIt() throws IOException {
    Path bogus = Files.writeString(dir.resolve("report.json"), "[]");

    int status = run("merge-reports", "-o", dir.resolve("merged").toString(), bogus.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err()).startsWith(bogus + " is not a report: it is not a JSON object; pass the");
    assertThat(dir.resolve("merged")).doesNotExist();
  }

  @Test
  void aMissingShardFailsNamingIt() throws IOException {
    Path one = shard("a", 1, 3, "v1");
    Path three = shard("c", 3, 3, "v3");

    int status =
        run(
            "merge-reports",
            "-o",
            dir.resolve("merged").toString(),
            one.toString(),
            three.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err())
        .startsWith("the shards of the run are not all here: report-2-of-3.json is missing");
  }

  @Test
  void aFileThatDoesNotExistFailsNamingIt() {
    Path gone = dir.resolve("gone.json");

    assertThat(run("merge-reports", gone.toString())).isEqualTo(1);
    assertThat(err()).startsWith(gone + " does not exist; pass the report.json");
  }

  @Test
  void theArchiveCommandsStillWork() throws IOException {
    Path archive = Files.createDirectory(dir.resolve("archive"));

    assertThat(run("list", archive.toString())).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("total   0 runs");
    assertThat(run("verify")).isEqualTo(2);
    assertThat(err()).contains("expected a command and an archive directory");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageErrorListingEveryCommand() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err())
        .contains("expected a command\n")
        .contains("unknown command \"frobnicate\"")
        .contains("java -jar junit-extension.jar list <dir>")
        .contains("merge-reports [-o <dir>]");
  }
}
