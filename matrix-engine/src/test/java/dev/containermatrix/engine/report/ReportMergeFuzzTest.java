package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Any bytes given as a report to merge (next to a real one) end in a merged report or a {@link
 * ReportMergeException} naming a file: never another exception, a hang or running out of memory.
 * Without {@code JAZZER_FUZZ} this replays the seeds in {@code ReportMergeFuzzTestInputs/}.
 */
class ReportMergeFuzzTest {
  private static final String GOOD =
      ReportMergeTest.report("good", "2026-01-01T10:00:00Z", ReportMergeTest.variant("v0", 1));

  @FuzzTest(maxDuration = "30s")
  void mergesOrSaysWhichFileIsWrong(byte[] report) throws IOException {
    Path dir = Files.createTempDirectory("merge-fuzz");
    Path good = dir.resolve("report-good.json");
    Path hostile = dir.resolve("report-hostile.json");
    try {
      Files.writeString(good, GOOD);
      Files.write(hostile, report);
      try {
        var merged = ReportMerge.merge(List.of(ReportFiles.read(good), ReportFiles.read(hostile)));
        assertThat(merged.get("variants").isArray()).isTrue();
        ReportJson.MAPPER.writeValueAsString(merged);
      } catch (ReportMergeException e) {
        assertThat(e.getMessage()).containsAnyOf(good.toString(), hostile.toString(), "shard");
      }
    } finally {
      Files.deleteIfExists(good);
      Files.deleteIfExists(hostile);
      Files.deleteIfExists(dir);
    }
  }
}
