package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArchiveTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path work;
  private ArchiveFixture fixture;
  private RunArchive archive;

  @BeforeEach
  void open() throws Exception {
    fixture = ArchiveFixture.open(work);
    archive = fixture.archive;
  }

  @Test
  void twoVariantsSharingLayersStoreEachSharedBlobOnceAndAreListedInIndexJson() throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 200_000, 1);
    StoredLayer classes = fixture.textLayer("app/Main.class", "classes v1");
    Descriptor a =
        fixture.image(
            List.of(base, fixture.textLayer("lib/json-1.jar", "json 1"), classes), "/bin/true");
    long afterA = archive.accounts().blobBytes();
    Descriptor b =
        fixture.image(
            List.of(base, fixture.textLayer("lib/json-2.jar", "json 2"), classes), "/bin/true");
    ArchivedRun run = fixture.commit("run-1", T0, Map.of("json-1", a, "json-2", b));

    assertThat(archive.accounts().blobBytes() - afterA)
        .as("the second variant adds its own layer and json only")
        .isLessThan(8_000);
    assertThat(archive.reader().image(run, "json-1").layers().get(0).digest())
        .as("a layer built reproducibly keeps its store digest")
        .isEqualTo(base.digest());
    assertThat(archive.reader().runs()).containsExactly(run);
    assertThat(run.manifestDigestByVariantId())
        .containsExactly(Map.entry("json-1", a.digest()), Map.entry("json-2", b.digest()));
    JsonNode index =
        new ObjectMapper().readTree(archive.directory().resolve("index.json").toFile());
    assertThat(index.path("manifests")).hasSize(2);
    JsonNode annotations = index.path("manifests").get(0).path("annotations");
    assertThat(annotations.path("org.opencontainers.image.ref.name").asText())
        .isEqualTo("run-1-json-1");
    assertThat(annotations.path("dev.containermatrix.run").asText()).isEqualTo("run-1");
    assertThat(annotations.path("dev.containermatrix.variant").asText()).isEqualTo("json-1");
    assertThat(annotations.path("dev.containermatrix.record").asText())
        .isEqualTo(run.recordDigest().toString());
    assertThat(annotations.path("org.opencontainers.image.created").asText())
        .isEqualTo("2026-01-01T12:00:00Z");
    assertThat(Files.readString(archive.directory().resolve("oci-layout")))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  @Test
  void itsDirectoryIsPrivate() throws Exception {
    assertThat(Files.getAttribute(archive.directory(), "unix:mode")).isEqualTo(040700);
    assertThat(archive.notPrivate()).isEmpty();
  }

  @Test
  void aSecondRunWithOneChangedLayerAddsOnlyThatLayerAndSmallJson() throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 300_000, 1);
    StoredLayer lib = fixture.randomLayer("lib/lib.jar", 50_000, 2);
    fixture.commit(
        "run-1",
        T0,
        Map.of(
            "v", fixture.image(List.of(base, lib, fixture.textLayer("app/A.class", "A v1")), "x")));
    long before = archive.accounts().blobBytes();

    StoredLayer changed = fixture.randomLayer("app/A.class", 20_000, 3);
    fixture.commit(
        "run-2", T0.plusSeconds(60), Map.of("v", fixture.image(List.of(base, lib, changed), "x")));

    long growth = archive.accounts().blobBytes() - before;
    assertThat(growth)
        .isGreaterThanOrEqualTo(changed.sizeBytes())
        .isLessThan(changed.sizeBytes() + 2_000);
  }

  @Test
  void twentyRunsWithOneClassChangingTakeAtMostATenthMoreThanOneRunPlusTheChangedLayers()
      throws Exception {
    StoredLayer jdk = fixture.randomLayer("jdk/lib/modules", 1_000_000, 1);
    StoredLayer libs = fixture.randomLayer("app/lib/libs.jar", 200_000, 2);
    StoredLayer tests = fixture.randomLayer("app/test/Other.class", 5_000, 3);
    long oneRun = 0;
    long changedLayers = 0;
    for (int run = 0; run < 20; run++) {
      StoredLayer changing =
          fixture.textLayer("app/classes/Changing.class", "version " + run + " ".repeat(2_000));
      Map<String, Descriptor> variants =
          Map.of(
              "jdk17", fixture.image(List.of(jdk, libs, tests, changing), "java", "Main"),
              "jdk21",
                  fixture.image(
                      List.of(
                          jdk,
                          fixture.textLayer("app/lib/extra.jar", "extra"),
                          libs,
                          tests,
                          changing),
                      "java",
                      "Main"));
      fixture.commit("run-" + run, T0.plusSeconds(run), variants);
      if (run == 0) {
        oneRun = archive.accounts().blobBytes();
      } else {
        changedLayers += changing.sizeBytes();
      }
    }
    assertThat(archive.reader().runs()).hasSize(20);
    assertThat(archive.accounts().blobBytes())
        .isLessThanOrEqualTo((long) (1.1 * oneRun) + changedLayers);
  }

  @Test
  void aFlippedByteInALayerMakesVerifyAndImportRefuseNamingTheBlobAndStoreNothing()
      throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 100_000, 1);
    ArchivedRun run = fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(base), "x")));
    archive.reader().verify(run);
    Path blob = fixture.blobFile(base.digest().toString());
    ArchiveFixture.flipByte(blob, 5_000);
    String expected =
        "archive "
            + archive.directory()
            + ": blob "
            + base.digest()
            + " ("
            + blob
            + ") is corrupt: expected "
            + base.digest()
            + " ("
            + base.sizeBytes()
            + " bytes), read "
            + ArchiveFixture.sha256(blob)
            + " ("
            + base.sizeBytes()
            + " bytes); the archive cannot be trusted: restore it from a backup or delete run"
            + " run-1";

    assertThatThrownBy(() -> archive.reader().verify(run))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessage(expected);
    LayerStore fresh = LayerStore.open(work.resolve("fresh-store"));
    assertThatThrownBy(() -> archive.reader().importVariant(run, "v", fresh))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessage(expected);
    assertThat(fresh.get(base.digest())).isEmpty();
  }

  @Test
  void aTruncatedLayerIsRefusedWithTheBytesRead() throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 100_000, 1);
    ArchivedRun run = fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(base), "x")));
    Path blob = fixture.blobFile(base.digest().toString());
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length - 1024));

    assertThatThrownBy(() -> archive.reader().verify(run))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessage(
            "archive "
                + archive.directory()
                + ": blob "
                + base.digest()
                + " ("
                + blob
                + ") is corrupt: expected "
                + base.digest()
                + " ("
                + bytes.length
                + " bytes), read "
                + ArchiveFixture.sha256(blob)
                + " ("
                + (bytes.length - 1024)
                + " bytes); the archive cannot be trusted: restore it from a backup or delete run"
                + " run-1");
    assertThatThrownBy(
            () -> archive.reader().importVariant(run, "v", LayerStore.open(work.resolve("fresh"))))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessageContaining("is corrupt");
    assertThatThrownBy(() -> archive.reader().export(run, "v", work.resolve("v.tar")))
        .isInstanceOf(ArchiveIntegrityException.class);
    assertThat(work.resolve("v.tar")).doesNotExist();
  }

  @Test
  void aMissingSharedBlobNamesEveryRunThatReferencesIt() throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 10_000, 1);
    ArchivedRun first = fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(base), "x")));
    fixture.commit("run-2", T0.plusSeconds(1), Map.of("v", fixture.image(List.of(base), "y")));
    Path blob = fixture.blobFile(base.digest().toString());
    Files.delete(blob);

    assertThatThrownBy(() -> archive.reader().verify(first))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessage(
            "archive "
                + archive.directory()
                + ": blob "
                + base.digest()
                + " ("
                + blob
                + ") is missing: expected "
                + base.digest()
                + " ("
                + base.sizeBytes()
                + " bytes), read no file; the archive cannot be trusted: restore it"
                + " from a backup or delete runs run-1, run-2");
  }

  @Test
  void readBlobReturnsTheCheckedBytesAndRefusesAFlippedRecord() throws Exception {
    ArchivedRun run =
        fixture.commit(
            "run-1", T0, Map.of("v", fixture.image(List.of(fixture.textLayer("a", "a")), "x")));
    assertThat(new String(archive.reader().readBlob(run.recordDigest())))
        .isEqualTo("{\"run\":\"run-1\"}");

    ArchiveFixture.flipByte(fixture.blobFile(run.recordDigest()), 2);
    assertThatThrownBy(() -> archive.reader().readBlob(run.recordDigest()))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessageContaining("blob " + run.recordDigest() + " (")
        .hasMessageEndingWith("delete run run-1");
  }

  @Test
  void retentionRemovesARunButKeepsTheBlobsAnotherRunStillReferences() throws Exception {
    StoredLayer shared = fixture.randomLayer("shared.bin", 50_000, 1);
    StoredLayer only1 = fixture.randomLayer("only.bin", 20_000, 2);
    StoredLayer only2 = fixture.randomLayer("only.bin", 30_000, 3);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(shared, only1), "one")));
    ArchivedRun second =
        fixture.commit(
            "run-2", T0.plusSeconds(1), Map.of("v", fixture.image(List.of(shared, only2), "two")));
    long ownOfFirst = archive.accounts().usage().get(0).ownBytes();
    RunArchive later =
        RunArchive.open(archive.directory(), Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

    RetentionResult result = later.accounts().retain(RetentionPolicy.keepLast(1));

    assertThat(result.removedRuns()).containsExactly("run-1");
    assertThat(result.freedBytes()).isEqualTo(ownOfFirst);
    assertThat(result.removedBlobs())
        .isEqualTo(5); // layer, manifest, config, runtime config, record
    assertThat(fixture.blobFile(shared.digest().toString())).exists();
    assertThat(fixture.blobFile(only1.digest().toString())).doesNotExist();
    assertThat(later.reader().runs()).containsExactly(second);
    later.reader().verify(second);
    assertThat(archive.directory().resolve("diffids").resolve(only1.digest().hex())).doesNotExist();
  }

  @Test
  void retentionLeavesUnreferencedBlobsYoungerThanTheGraceAlone() throws Exception {
    fixture.commit(
        "run-1", T0, Map.of("v", fixture.image(List.of(fixture.textLayer("a", "a")), "x")));
    fixture.image(List.of(fixture.textLayer("b", "not committed yet")), "y");
    long before = archive.accounts().blobBytes();

    RetentionResult result = archive.accounts().retain(RetentionPolicy.keepLast(0));

    assertThat(result.removedRuns()).containsExactly("run-1");
    assertThat(result.removedBlobs()).isZero();
    assertThat(archive.accounts().blobBytes()).isEqualTo(before);
  }

  @Test
  void aRunIsRemovedOnlyIfBothRulesThatAreSetSaySo() throws Exception {
    Instant now = Instant.now();
    Descriptor image = fixture.image(List.of(fixture.textLayer("a", "a")), "x");
    fixture.commit("ten-days", now.minus(Duration.ofDays(10)), Map.of("v", image));
    fixture.commit("five-days", now.minus(Duration.ofDays(5)), Map.of("v", image));
    fixture.commit("one-hour", now.minus(Duration.ofHours(1)), Map.of("v", image));

    assertThat(
            archive
                .accounts()
                .retain(new RetentionPolicy(OptionalInt.of(2), Optional.of(Duration.ofDays(7))))
                .removedRuns())
        .containsExactly("ten-days");
    assertThat(
            archive
                .accounts()
                .retain(new RetentionPolicy(OptionalInt.empty(), Optional.empty()))
                .removedRuns())
        .isEmpty();
    assertThat(archive.accounts().retain(RetentionPolicy.keepFor(Duration.ofDays(1))).removedRuns())
        .containsExactly("five-days");
    assertThat(archive.reader().runs()).extracting(ArchivedRun::runId).containsExactly("one-hour");
  }

  @Test
  void theSizeBoundRemovesTheOldestRunsThatDoNotFitAndKeepsTheBlobsKeptRunsShare()
      throws Exception {
    StoredLayer shared = fixture.randomLayer("shared.bin", 200_000, 1);
    StoredLayer own1 = fixture.randomLayer("own.bin", 100_000, 2);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(shared, own1), "one")));
    fixture.commit(
        "run-2",
        T0.plusSeconds(1),
        Map.of(
            "v",
            fixture.image(List.of(shared, fixture.randomLayer("own.bin", 100_000, 3)), "two")));
    fixture.commit(
        "run-3",
        T0.plusSeconds(2),
        Map.of(
            "v",
            fixture.image(List.of(shared, fixture.randomLayer("own.bin", 100_000, 4)), "three")));
    RunArchive later =
        RunArchive.open(archive.directory(), Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

    // run-3 and run-2 share 200 KB and own 100 KB each: about 400 KB; run-1 would add 100 KB more
    RetentionResult result =
        later.accounts().retain(RetentionPolicy.keepBytes(450_000).withProtectedRun("run-3"));

    assertThat(result.removedRuns()).containsExactly("run-1");
    assertThat(later.reader().runs())
        .extracting(ArchivedRun::runId)
        .containsExactly("run-2", "run-3");
    assertThat(fixture.blobFile(shared.digest().toString())).as("shared with kept runs").exists();
    assertThat(fixture.blobFile(own1.digest().toString())).doesNotExist();
    assertThat(later.accounts().blobBytes()).isLessThanOrEqualTo(450_000);
  }

  @Test
  void aProtectedRunIsKeptEvenWhenItAloneExceedsTheSizeBoundAndNewerRunsGoFirst() throws Exception {
    Descriptor image = fixture.image(List.of(fixture.randomLayer("big.bin", 100_000, 1)), "x");
    fixture.commit("current", T0, Map.of("v", image));
    fixture.commit(
        "newer",
        T0.plusSeconds(1),
        Map.of("v", fixture.image(List.of(fixture.randomLayer("b.bin", 10_000, 2)), "y")));

    RetentionResult result =
        archive.accounts().retain(RetentionPolicy.keepBytes(1024).withProtectedRun("current"));

    assertThat(result.removedRuns()).containsExactly("newer");
    assertThat(archive.reader().runs()).extracting(ArchivedRun::runId).containsExactly("current");
    assertThat(
            archive
                .accounts()
                .retain(RetentionPolicy.keepLast(0).withProtectedRun("current"))
                .removedRuns())
        .isEmpty();
  }

  @Test
  void aSizeBoundIsPositive() {
    assertThatThrownBy(() -> RetentionPolicy.keepBytes(0))
        .hasMessage("keepBytes must be positive, was 0");
  }

  @Test
  void usageShowsWhatEachRunReferencesAndWhatOnlyItReferences() throws Exception {
    StoredLayer shared = fixture.randomLayer("shared.bin", 100_000, 1);
    StoredLayer own1 = fixture.randomLayer("own.bin", 10_000, 2);
    StoredLayer own2 = fixture.randomLayer("own.bin", 30_000, 3);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(shared, own1), "one")));
    fixture.commit(
        "run-2",
        T0.plusSeconds(1),
        Map.of(
            "v",
            fixture.image(List.of(shared, own2), "two"),
            "w",
            fixture.image(List.of(shared), "three")));

    List<RunUsage> usage = archive.accounts().usage();

    assertThat(usage)
        .extracting(RunUsage::runId, RunUsage::created, RunUsage::variants)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("run-1", T0, 1),
            org.assertj.core.groups.Tuple.tuple("run-2", T0.plusSeconds(1), 2));
    assertThat(usage.get(0).totalBytes()).isGreaterThan(shared.sizeBytes() + own1.sizeBytes());
    assertThat(usage.get(0).ownBytes())
        .isGreaterThanOrEqualTo(own1.sizeBytes())
        .isLessThan(own1.sizeBytes() + 4_000);
    assertThat(usage.get(1).ownBytes())
        .isGreaterThanOrEqualTo(own2.sizeBytes())
        .isLessThan(own2.sizeBytes() + 6_000);
    long sharedBytes = usage.get(0).totalBytes() - usage.get(0).ownBytes();
    assertThat(usage.get(0).ownBytes() + usage.get(1).ownBytes() + sharedBytes)
        .isEqualTo(archive.accounts().blobBytes());
  }

  @Test
  void twoThreadsCommittingRunsAtOnceBothLandInTheIndex() throws Exception {
    StoredLayer base = fixture.randomLayer("base.bin", 10_000, 1);
    List<Descriptor> images = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      images.add(fixture.image(List.of(base, fixture.textLayer("app/" + i, "v" + i)), "x"));
    }
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        int t = thread;
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  RunArchive own = RunArchive.open(archive.directory());
                  for (int i = t; i < 10; i += 2) {
                    Descriptor record =
                        own.writer()
                            .addBlob(
                                ("{\"run\":" + i + "}").getBytes(), RunArchive.RECORD_MEDIA_TYPE);
                    own.writer()
                        .commitRun(
                            "run-" + i, T0.plusSeconds(i), record, Map.of("v", images.get(i)));
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdown();
    }
    assertThat(archive.reader().runs())
        .extracting(ArchivedRun::runId)
        .containsExactly(
            Stream.iterate(0, i -> i + 1).limit(10).map(i -> "run-" + i).toArray(String[]::new));
  }

  @Test
  void twoJvmsCommittingRunsAtOnceBothLandInTheIndex() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<Process> children = new ArrayList<>();
    for (String prefix : List.of("a", "b")) {
      children.add(
          new ProcessBuilder(
                  java.toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CommitChildMain.class.getName(),
                  archive.directory().toString(),
                  prefix,
                  "8")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve(prefix + ".out").toFile())
              .start());
    }
    for (Process child : children) {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
      assertThat(child.exitValue())
          .as(Files.readString(work.resolve(children.indexOf(child) == 0 ? "a.out" : "b.out")))
          .isZero();
    }
    assertThat(archive.reader().runs())
        .extracting(ArchivedRun::runId)
        .hasSize(16)
        .containsAll(
            Stream.of("a", "b")
                .flatMap(p -> Stream.iterate(0, i -> i + 1).limit(8).map(i -> p + "-" + i))
                .toList());
  }

  @Test
  void committingARunIdTwiceIsRefused() throws Exception {
    Descriptor image = fixture.image(List.of(fixture.textLayer("a", "a")), "x");
    fixture.commit("run-1", T0, Map.of("v", image));
    assertThatThrownBy(() -> fixture.commit("run-1", T0, Map.of("v", image)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "run run-1 is already archived in "
                + archive.directory()
                + "; commit each run once, under an id of its own");
  }

  @Test
  void invalidIdsAndMissingBlobsAreRefusedAtCommit() throws Exception {
    Descriptor image = fixture.image(List.of(fixture.textLayer("a", "a")), "x");
    Descriptor record = archive.writer().addBlob("{}".getBytes(), RunArchive.RECORD_MEDIA_TYPE);
    assertThatThrownBy(() -> archive.writer().commitRun("run 1", T0, record, Map.of("v", image)))
        .hasMessage(
            "invalid run id \"run 1\": use 1 to 100 letters, digits, '.', '_' or '-', starting with"
                + " a letter or digit");
    assertThatThrownBy(() -> archive.writer().commitRun("run-1", T0, record, Map.of()))
        .hasMessage("run run-1 has no variants; an archived run has at least one");
    Descriptor absent =
        Descriptor.of(RunArchive.RECORD_MEDIA_TYPE, Digest.parse("sha256:" + "0".repeat(64)), 3);
    assertThatThrownBy(() -> archive.writer().commitRun("run-1", T0, absent, Map.of("v", image)))
        .hasMessage(
            "the record of run run-1 (sha256:"
                + "0".repeat(64)
                + ") is not in the archive "
                + archive.directory()
                + "; add every blob of a run before committing it");
  }

  @Test
  void imageViewGivesTheConfigAndRuntimeConfigBack() throws Exception {
    StoredLayer layer = fixture.textLayer("a", "a");
    ArchivedRun run =
        fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(layer), "/bin/echo", "hi")));

    ArchivedImageView view = archive.reader().image(run, "v");

    assertThat(view.cmd()).containsExactly("/bin/echo", "hi");
    assertThat(view.env()).containsExactly("PATH=/usr/bin:/bin");
    assertThat(view.workingDir()).isEqualTo("/");
    assertThat(view.diffIds()).containsExactly(layer.digest());
    assertThat(view.labels())
        .containsEntry("dev.containermatrix.test", "yes")
        .containsEntry(RunArchive.RUNTIME_CONFIG_LABEL, view.runtimeConfig().digest().toString());
    assertThat(view.runtimeConfigJson()).isEqualTo(ArchiveFixture.runtimeConfig("/bin/echo", "hi"));
    assertThatThrownBy(() -> archive.reader().image(run, "w"))
        .hasMessage("run run-1 has no variant \"w\"; its variants are [v]");
  }
}
