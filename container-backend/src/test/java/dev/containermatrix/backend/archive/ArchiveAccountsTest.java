package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.StoredLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ArchiveAccounts} counts, and what its retention removes and keeps. */
class ArchiveAccountsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path work;
  private ArchiveFixture fixture;
  private StoredLayer shared;
  private StoredLayer onlyFirst;

  @BeforeEach
  void twoRunsSharingALayer() throws Exception {
    fixture = ArchiveFixture.open(work);
    shared = fixture.randomLayer("shared.bin", 40_000, 1);
    onlyFirst = fixture.randomLayer("first.bin", 20_000, 2);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(shared, onlyFirst), "one")));
    fixture.commit("run-2", T0.plusSeconds(60), Map.of("v", fixture.image(List.of(shared), "two")));
  }

  @Test
  void usageCountsASharedLayerInEachRunsTotalButInNeithersOwnBytes() throws Exception {
    List<RunUsage> usage = fixture.archive.accounts().usage();

    assertThat(usage).extracting(RunUsage::runId).containsExactly("run-1", "run-2");
    RunUsage first = usage.get(0);
    RunUsage second = usage.get(1);
    assertThat(first.totalBytes()).isGreaterThan(60_000);
    assertThat(first.ownBytes())
        .as("its own layer and JSON, not the shared layer")
        .isBetween(20_000L, first.totalBytes() - 40_000);
    assertThat(second.totalBytes()).isGreaterThan(40_000);
    assertThat(second.ownBytes()).isLessThan(5_000);
    assertThat(fixture.archive.accounts().blobBytes())
        .as("every blob once")
        .isLessThan(first.totalBytes() + second.ownBytes() + 1);
  }

  @Test
  void keepingTheLastRunRemovesTheOlderOneAndOnlyTheBlobsNoOtherRunReferences() throws Exception {
    RunArchive later =
        RunArchive.open(
            fixture.archive.directory(), Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

    RetentionResult result = later.accounts().retain(RetentionPolicy.keepLast(1));

    assertThat(result.removedRuns()).containsExactly("run-1");
    assertThat(later.reader().runs()).extracting(ArchivedRun::runId).containsExactly("run-2");
    assertThat(fixture.blobFile(onlyFirst.digest().toString())).doesNotExist();
    assertThat(fixture.blobFile(shared.digest().toString())).exists();
    later.reader().verify(later.reader().run("run-2").orElseThrow());
  }

  @Test
  void blobsWrittenWithinTheGracePeriodAreKeptEvenWhenNoRunReferencesThem() throws Exception {
    RetentionResult result = fixture.archive.accounts().retain(RetentionPolicy.keepLast(0));

    assertThat(result.removedRuns()).containsExactly("run-1", "run-2");
    assertThat(result.removedBlobs()).isZero();
    assertThat(Files.exists(fixture.blobFile(shared.digest().toString()))).isTrue();
  }
}
