package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.layers.StoredLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RunArchive#retain} keeps and removes beyond the runs themselves: other tools' images
 * in the same OCI layout, {@code diffids/} mappings, {@code tmp/} files, and the size bound's
 * accounting of shared blobs and protected runs. A real archive in a temp dir; runs are committed
 * through {@link RunArchive}'s API, other tools' images are written into the layout as such a tool
 * would.
 */
class RetentionTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final RetentionPolicy NO_RULES =
      new RetentionPolicy(OptionalInt.empty(), Optional.empty());

  @TempDir Path work;
  private ArchiveFixture fixture;
  private RunArchive archive;

  @BeforeEach
  void open() throws Exception {
    fixture = ArchiveFixture.open(work);
    archive = fixture.archive;
  }

  /** The archive as it is seen two hours from now: every blob written so far is past the grace. */
  private RunArchive twoHoursLater() throws Exception {
    return RunArchive.open(
        archive.directory(), Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
  }

  @Test
  void theBlobsOfAnotherToolsImageInTheLayoutAreKeptWhenEveryRunIsRemoved() throws Exception {
    StoredLayer ours = fixture.randomLayer("ours.bin", 10_000, 1);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(ours), "x")));
    String layer = writeBlob("a layer of another tool's image".getBytes(StandardCharsets.UTF_8));
    String config =
        writeBlob(
            "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
    String manifest =
        writeBlob(
            ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":"
                    + descriptor(config, "application/vnd.oci.image.config.v1+json")
                    + ",\"layers\":["
                    + descriptor(layer, "application/vnd.oci.image.layer.v1.tar")
                    + "]}")
                .getBytes(StandardCharsets.UTF_8));
    addForeignIndexEntry(manifest);
    String stray = writeBlob("referenced by nothing".getBytes(StandardCharsets.UTF_8));

    RunArchive later = twoHoursLater();
    RetentionResult result = later.accounts().retain(RetentionPolicy.keepLast(0));

    assertThat(result.removedRuns()).containsExactly("run-1");
    assertThat(later.reader().runs()).isEmpty();
    assertThat(fixture.blobFile(manifest)).as("the other tool's manifest").exists();
    assertThat(fixture.blobFile(config)).as("the other tool's config").exists();
    assertThat(fixture.blobFile(layer)).as("the other tool's layer").exists();
    assertThat(fixture.blobFile(ours.digest().toString()))
        .as("our removed run's layer")
        .doesNotExist();
    assertThat(fixture.blobFile(stray)).as("a blob nothing references").doesNotExist();
    assertThat(
            new ObjectMapper()
                .readTree(archive.directory().resolve("index.json").toFile())
                .path("manifests"))
        .as("the other tool's index entry stays")
        .hasSize(1);
  }

  @Test
  void anotherToolsManifestThatIsNoImageManifestIsKeptItself() throws Exception {
    String notAManifest =
        writeBlob("{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));
    addForeignIndexEntry(notAManifest);

    RetentionResult result = twoHoursLater().accounts().retain(NO_RULES);

    assertThat(result.removedBlobs()).isZero();
    assertThat(fixture.blobFile(notAManifest)).exists();
  }

  @Test
  void diffIdMappingsToMissingBlobsOrToNoDigestAreRemovedAndLiveOnesKept() throws Exception {
    StoredLayer kept = fixture.textLayer("kept.txt", "kept");
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(kept), "x")));
    Path diffIds = archive.directory().resolve("diffids");
    Path live = diffIds.resolve(kept.digest().hex());
    assertThat(live).as("written by addLayer").exists();
    Path dangling = diffIds.resolve("1".repeat(64));
    Files.writeString(dangling, "sha256:" + "2".repeat(64));
    Path garbage = diffIds.resolve("3".repeat(64));
    Files.writeString(garbage, "not a digest");

    twoHoursLater().accounts().retain(NO_RULES);

    assertThat(dangling).doesNotExist();
    assertThat(garbage).doesNotExist();
    assertThat(live).hasContent(kept.digest().toString());
  }

  @Test
  void tempFilesOlderThanTheGraceAreRemovedAndYoungerOnesKept() throws Exception {
    Path tmp = archive.directory().resolve("tmp");
    Path old = Files.writeString(tmp.resolve("old.tmp"), "left by a writer that died");
    Files.setLastModifiedTime(
        old,
        FileTime.from(
            Instant.now().minus(RunArchive.UNCOMMITTED_GRACE).minus(Duration.ofMinutes(5))));
    Path young = Files.writeString(tmp.resolve("young.tmp"), "being written right now");

    archive.accounts().retain(NO_RULES);

    assertThat(old).doesNotExist();
    assertThat(young).exists();
  }

  @Test
  void theSizeBoundCountsABlobSharedByKeptRunsOnce() throws Exception {
    StoredLayer shared = fixture.randomLayer("shared.bin", 200_000, 1);
    for (int run = 1; run <= 3; run++) {
      fixture.commit(
          "run-" + run,
          T0.plusSeconds(run),
          Map.of(
              "a",
                  fixture.image(
                      List.of(shared, fixture.randomLayer("own.bin", 10_000, run + 10)), "a"),
              "b", fixture.image(List.of(shared), "b")));
    }
    // counted once the three runs reference about 235 KB; counted per run it would be over 600 KB
    RetentionResult result = twoHoursLater().accounts().retain(RetentionPolicy.keepBytes(260_000));

    assertThat(result.removedRuns()).isEmpty();
    assertThat(archive.reader().runs())
        .extracting(ArchivedRun::runId)
        .containsExactly("run-1", "run-2", "run-3");
    assertThat(fixture.blobFile(shared.digest().toString())).exists();
  }

  @Test
  void protectedRunsAreKeptEvenWhenTogetherTheyExceedTheSizeBoundAndTheRestIsRemoved()
      throws Exception {
    StoredLayer first = fixture.randomLayer("p.bin", 100_000, 1);
    StoredLayer second = fixture.randomLayer("p.bin", 100_000, 2);
    StoredLayer newest = fixture.randomLayer("u.bin", 10_000, 3);
    fixture.commit("protected-1", T0, Map.of("v", fixture.image(List.of(first), "x")));
    fixture.commit(
        "protected-2", T0.plusSeconds(1), Map.of("v", fixture.image(List.of(second), "x")));
    fixture.commit("newest", T0.plusSeconds(2), Map.of("v", fixture.image(List.of(newest), "x")));
    RunArchive later = twoHoursLater();

    RetentionResult result =
        later
            .accounts()
            .retain(
                new RetentionPolicy(
                    OptionalInt.empty(),
                    Optional.empty(),
                    OptionalLong.of(150_000),
                    Set.of("protected-1", "protected-2")));

    assertThat(result.removedRuns()).containsExactly("newest");
    assertThat(later.reader().runs())
        .extracting(ArchivedRun::runId)
        .containsExactly("protected-1", "protected-2");
    assertThat(fixture.blobFile(first.digest().toString())).exists();
    assertThat(fixture.blobFile(second.digest().toString())).exists();
    assertThat(fixture.blobFile(newest.digest().toString())).doesNotExist();
    assertThat(
            later
                .accounts()
                .retain(
                    new RetentionPolicy(
                            OptionalInt.of(0),
                            Optional.of(Duration.ZERO),
                            OptionalLong.of(1),
                            Set.of())
                        .withProtectedRun("protected-1")
                        .withProtectedRun("protected-2"))
                .removedRuns())
        .as("every rule says remove")
        .isEmpty();
  }

  /** Writes a blob straight into the layout, as another tool (skopeo, oras) would. */
  private String writeBlob(byte[] content) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    Files.write(archive.directory().resolve("blobs/sha256").resolve(hex), content);
    return "sha256:" + hex;
  }

  private String descriptor(String digest, String mediaType) throws Exception {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + Files.size(fixture.blobFile(digest))
        + "}";
  }

  /** An index entry with no run annotation: an image another tool put in the layout. */
  private void addForeignIndexEntry(String manifestDigest) throws Exception {
    Path indexJson = archive.directory().resolve("index.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = (ObjectNode) json.readTree(indexJson.toFile());
    ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
    entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    entry.put("digest", manifestDigest);
    entry.put("size", Files.size(fixture.blobFile(manifestDigest)));
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", "other-tool:latest");
    json.writeValue(indexJson.toFile(), index);
  }
}
