package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCommandTest {

  @TempDir Path work;
  private ArchiveFixture fixture;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void archiveTwoRuns() throws Exception {
    fixture = ArchiveFixture.open(work);
    var shared = fixture.randomLayer("shared.bin", 300_000, 1);
    fixture.commit(
        "run-1",
        Instant.parse("2026-01-01T12:00:00Z"),
        Map.of(
            "v", fixture.image(List.of(shared, fixture.randomLayer("own.bin", 50_000, 2)), "one")));
    fixture.commit(
        "run-2",
        Instant.parse("2026-01-02T12:00:00Z"),
        Map.of(
            "v",
            fixture.image(List.of(shared, fixture.randomLayer("own.bin", 3_000_000, 3)), "two"),
            "w",
            fixture.image(List.of(shared), "three")));
  }

  @Test
  void listPrintsEachRunWithItsOwnAndTotalSizeAndATotalLine() {
    assertThat(run("list", dir())).isZero();

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).matches("RUN +CREATED +VARIANTS +OWN +TOTAL");
    assertThat(lines[1]).matches("run-1 +2026-01-01T12:00:00Z +1 +5\\dK +3\\d\\dK");
    assertThat(lines[2]).matches("run-2 +2026-01-02T12:00:00Z +2 +2\\.9M +3\\.2M");
    assertThat(lines[3]).matches("total +2 runs +2\\.9M +3\\.2M");
  }

  @Test
  void verifyOfACorruptRunPrintsTheBlobAndExits1() throws Exception {
    ArchivedRun run = fixture.archive.reader().run("run-1").orElseThrow();
    String layer = fixture.archive.reader().image(run, "v").layers().get(1).digest().toString();
    assertThat(run("verify", dir(), "run-1")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("run-1")
        .contains("every blob checks out");

    ArchiveFixture.flipByte(fixture.blobFile(layer), 100);

    assertThat(run("verify", dir(), "run-1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("archive " + dir() + ": blob " + layer + " (")
        .contains("is corrupt")
        .endsWith("delete run run-1\n");
  }

  @Test
  void badArgumentsPrintTheReasonAndUsageAndExit2() {
    assertThat(run("list")).isEqualTo(2);
    assertThat(run("prune", dir(), "--keep-last", "many")).isEqualTo(2);
    assertThat(run("verify", dir(), "no-such-run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("expected a command and an archive directory\n" + ArchiveCommand.USAGE)
        .contains("--keep-last needs a whole number of 0 or more, was \"many\"")
        .contains(
            "the archive " + dir() + " has no run \"no-such-run\"; list shows the runs it has");
  }

  @Test
  void pruneRemovesTheRunsNeitherRuleKeepsAndExportWritesTheTarAndConfig() {
    assertThat(run("export", dir(), "run-2", "w", work.resolve("w.tar").toString())).isZero();
    assertThat(work.resolve("w.tar")).isNotEmptyFile();
    assertThat(work.resolve("w.config.json")).isNotEmptyFile();

    assertThat(run("prune", dir(), "--keep-last", "1", "--keep-days", "0")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("removed 1 runs [run-1] and 0 blobs, freed 0B");
  }

  @Test
  void pruneWithASizeBoundRemovesTheOldestRunsBeyondItAndRefusesASizeWithoutAUnit() {
    assertThat(run("prune", dir(), "--keep-size", "5MB")).isZero();
    assertThat(run("prune", dir(), "--keep-size", "3mb"))
        .as("run-2 alone holds 3.2 MiB; prune protects no run")
        .isZero();
    assertThat(run("prune", dir(), "--keep-size", "3")).isEqualTo(2);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("removed 0 runs []")
        .contains("removed 2 runs [run-1, run-2]");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "--keep-size needs a size such as 500MB or 10GB (a whole"
                + " number and KB, MB, GB or TB), was \"3\"\n"
                + ArchiveCommand.USAGE);
  }

  @Test
  void sizesArePrintedInBinaryUnitsLikeDu() {
    assertThat(
            List.of(
                ArchiveCommand.human(0),
                ArchiveCommand.human(1023),
                ArchiveCommand.human(1536),
                ArchiveCommand.human(20L << 20),
                ArchiveCommand.human(3L << 40)))
        .containsExactly("0B", "1023B", "1.5K", "20M", "3.0T");
  }

  private String dir() {
    return fixture.archive.directory().toString();
  }

  private int run(String... args) {
    return ArchiveCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
