package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ArchiveWriter} stores, and what it refuses to commit. */
class ArchiveWriterTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path work;
  private ArchiveFixture fixture;
  private ArchiveWriter writer;

  @BeforeEach
  void open() throws Exception {
    fixture = ArchiveFixture.open(work);
    writer = fixture.archive.writer();
  }

  @Test
  void aCommittedRunReadsBackWithItsVariantsImageAndRecord() throws Exception {
    StoredLayer layer = fixture.textLayer("app/Main.class", "classes");
    Descriptor image = fixture.image(List.of(layer), "/bin/run", "it");
    Descriptor record =
        writer.addBlob("{\"run\":\"r\"}".getBytes(StandardCharsets.UTF_8), "application/x-record");

    writer.commitRun("run-1", T0, record, Map.of("v", image));

    ArchivedRun run = fixture.archive.reader().run("run-1").orElseThrow();
    assertThat(run.created()).isEqualTo(T0);
    assertThat(run.manifestDigestByVariantId()).containsEntry("v", image.digest());
    ArchivedImageView view = fixture.archive.reader().image(run, "v");
    assertThat(view.manifest()).isEqualTo(image);
    assertThat(view.cmd()).containsExactly("/bin/run", "it");
    assertThat(view.diffIds()).containsExactly(layer.digest());
    assertThat(fixture.archive.reader().readBlob(run.recordDigest()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"run\":\"r\"}");
  }

  @Test
  void aLayerTwoRunsShareIsStoredOnce() throws Exception {
    StoredLayer shared = fixture.randomLayer("base.bin", 50_000, 7);
    fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(shared), "one")));
    long afterFirst = fixture.archive.accounts().blobBytes();

    Descriptor again = writer.addLayer(shared);
    fixture.commit("run-2", T0.plusSeconds(1), Map.of("v", fixture.image(List.of(shared), "two")));

    assertThat(again.digest())
        .as("the layer's blob is the store's DiffID")
        .isEqualTo(shared.digest());
    try (Stream<Path> blobs = Files.list(fixture.archive.directory().resolve("blobs/sha256"))) {
      assertThat(blobs.filter(p -> p.getFileName().toString().equals(shared.digest().hex())))
          .hasSize(1);
    }
    assertThat(fixture.archive.accounts().blobBytes() - afterFirst)
        .as("the second run adds its small JSON blobs, not the 50 kB layer again")
        .isLessThan(5_000);
  }

  @Test
  void anImageOfALayerNotInTheArchiveIsRefusedNamingTheLayer() throws Exception {
    StoredLayer layer = fixture.textLayer("a", "a");
    Descriptor stored = writer.addLayer(layer);
    Files.delete(fixture.blobFile(stored.digest().toString()));

    assertThatThrownBy(
            () ->
                writer.addImage(
                    new ImageSpec(
                        List.of(stored),
                        List.of(),
                        List.of("x"),
                        "",
                        Map.of(),
                        ArchiveFixture.runtimeConfig("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "layer "
                + stored.digest()
                + " is not in the archive "
                + fixture.archive.directory()
                + "; add it with addLayer before the image that uses it");
  }

  @Test
  void aRunIdIsCommittedOnlyOnce() throws Exception {
    Descriptor image = fixture.image(List.of(fixture.textLayer("a", "a")), "x");
    fixture.commit("run-1", T0, Map.of("v", image));
    Descriptor record = writer.addBlob(new byte[] {1}, RunArchive.RECORD_MEDIA_TYPE);

    assertThatThrownBy(() -> writer.commitRun("run-1", T0, record, Map.of("v", image)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "run run-1 is already archived in "
                + fixture.archive.directory()
                + "; commit each run once, under an id of its own");
  }
}
