package dev.containermatrix.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardTimingsTest {
  @TempDir Path dir;

  @Test
  void readsEachVariantsDurationByClassAndIdFromAReport() throws URISyntaxException {
    Path golden =
        Path.of(
            ShardTimingsTest.class
                .getResource("/dev/containermatrix/engine/report/golden/report.json")
                .toURI());

    ShardTimings timings = ShardTimings.read(golden);

    assertThat(timings.size()).isEqualTo(3);
    assertThat(timings.duration("demo.ZoneTest", "3f2a9c0b1d4e")).hasValue(12_345);
    assertThat(timings.duration("demo.BetaTest", "b0")).hasValue(0);
    assertThat(timings.duration("demo.BetaTest", "3f2a9c0b1d4e")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void aVariantListedTwiceCountsWithItsLongestDuration() throws IOException {
    Path file =
        write(
            """
            {"variants": [
              {"id": "a", "class": "C", "durationMillis": 10, "extra": [1]},
              {"id": "a", "class": "C", "durationMillis": 30},
              {"id": "a", "class": "D", "durationMillis": 5}]}\
            """);

    ShardTimings timings = ShardTimings.read(file);

    assertThat(timings.duration("C", "a")).hasValue(30);
    assertThat(timings.duration("D", "a")).hasValue(5);
  }

  @Test
  void aMissingFileIsAnErrorNamingTheKeyTheFileAndWhatToDo() {
    Path missing = dir.resolve("gone.json");

    assertThatThrownBy(() -> ShardTimings.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "containermatrix.shard.timings="
                + missing
                + ": it is not a file (or does not exist); point it at the report.json (or a"
                + " report-<k>-of-<n>.json, or a merged report) of an earlier run, or remove it");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all | it is not JSON: ",
        "[1, 2] | it is not a JSON object",
        "{\"runId\": \"x\"} | it has no \"variants\" array",
        "{\"variants\": [3]} | its variants[0] is not an object",
        "{\"variants\": [{\"class\": \"C\", \"durationMillis\": 1}]} | its variants[0].id is not a"
            + " non-empty string",
        "{\"variants\": [{\"id\": \"a\", \"class\": 7, \"durationMillis\": 1}]} | its"
            + " variants[0].class is not a non-empty string",
        "{\"variants\": [{\"id\": \"a\", \"class\": \"C\", \"durationMillis\": -1}]} | its"
            + " variants[0].durationMillis is not a whole number >= 0",
        "{\"variants\": [{\"id\": \"a\", \"class\": \"C\", \"durationMillis\": 1.5}]} | its"
            + " variants[0].durationMillis is not a whole number >= 0",
        "{\"variants\": [{\"id\": \"a\", \"class\": \"C\", \"durationMillis\":"
            + " 99999999999999999999999}]} | its variants[0].durationMillis is not a whole number"
            + " >= 0",
      })
  void aFileThatIsNotAReportSaysWhatIsWrong(String content, String problem) throws IOException {
    Path file = write(content);

    assertThatThrownBy(() -> ShardTimings.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("containermatrix.shard.timings=" + file + ": " + problem)
        .hasMessageEndingWith("of an earlier run, or remove it");
  }

  @Test
  void anEmptyFileIsNotAReport() throws IOException {
    Path file = write("");

    assertThatThrownBy(() -> ShardTimings.read(file))
        .hasMessageStartingWith(
            "containermatrix.shard.timings=" + file + ": it is not a JSON object");
  }

  @Test
  void aDirectoryIsNotAReport() {
    assertThatThrownBy(() -> ShardTimings.read(dir))
        .hasMessageStartingWith(
            "containermatrix.shard.timings=" + dir + ": it is not a file (or does not exist)");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "timings", ".json");
    Files.writeString(file, content);
    return file;
  }
}
