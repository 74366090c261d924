package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ArchiveReader} gives back, and how it refuses a damaged archive. */
class ArchiveReaderTest {

  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path work;
  private ArchiveFixture fixture;
  private ArchiveReader reader;

  @BeforeEach
  void open() throws Exception {
    fixture = ArchiveFixture.open(work);
    reader = fixture.archive.reader();
  }

  @Test
  void anImportedVariantPutsItsLayersIntoAnotherStoreUnderTheirDigests() throws Exception {
    StoredLayer layer = fixture.randomLayer("lib/x.jar", 20_000, 3);
    ArchivedRun run = fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(layer), "x")));
    LayerStore fresh = LayerStore.open(work.resolve("fresh-store"));

    List<StoredLayer> imported = reader.importVariant(run, "v", fresh);

    assertThat(imported).extracting(StoredLayer::digest).containsExactly(layer.digest());
    assertThat(fresh.get(layer.digest())).isPresent();
  }

  @Test
  void aCorruptedLayerIsRefusedNamingItsDigestAndNothingIsImported() throws Exception {
    StoredLayer layer = fixture.randomLayer("lib/x.jar", 20_000, 3);
    ArchivedRun run = fixture.commit("run-1", T0, Map.of("v", fixture.image(List.of(layer), "x")));
    Path blob = fixture.blobFile(layer.digest().toString());
    ArchiveFixture.flipByte(blob, 10_000);
    LayerStore fresh = LayerStore.open(work.resolve("fresh-store"));

    assertThatThrownBy(() -> reader.verify(run))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessageStartingWith(
            "archive "
                + fixture.archive.directory()
                + ": blob "
                + layer.digest()
                + " ("
                + blob
                + ") is corrupt: expected "
                + layer.digest());
    assertThatThrownBy(() -> reader.importVariant(run, "v", fresh))
        .isInstanceOf(ArchiveIntegrityException.class)
        .extracting(e -> ((ArchiveIntegrityException) e).blobDigest())
        .isEqualTo(layer.digest().toString());
    assertThat(fresh.get(layer.digest())).isEmpty();
  }

  @Test
  void aManifestThatIsNotAnImageManifestIsRefusedAsMalformed() throws Exception {
    Descriptor notAManifest =
        fixture
            .archive
            .writer()
            .addBlob(
                "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    Descriptor record =
        fixture.archive.writer().addBlob(new byte[] {1}, RunArchive.RECORD_MEDIA_TYPE);

    assertThatThrownBy(
            () ->
                fixture.archive.writer().commitRun("run-1", T0, record, Map.of("v", notAManifest)))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessageContaining(
            "blob "
                + notAManifest.digest()
                + " ("
                + fixture.blobFile(notAManifest.digest().toString())
                + ") is malformed: expected an image manifest (it has no \"layers\" array, so it is"
                + " not an image manifest)");
    assertThat(reader.runs()).isEmpty();
  }

  @Test
  void anUnknownVariantIsRefusedNamingTheVariantsThereAre() throws Exception {
    ArchivedRun run =
        fixture.commit(
            "run-1",
            T0,
            Map.of("json-1", fixture.image(List.of(fixture.textLayer("a", "a")), "x")));

    assertThatThrownBy(() -> reader.image(run, "json-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run run-1 has no variant \"json-2\"; its variants are [json-1]");
  }

  @Test
  void anExportedVariantIsADockerSaveTarWithItsRuntimeConfigNextToIt() throws Exception {
    ArchivedRun run =
        fixture.commit(
            "run-1", T0, Map.of("v", fixture.image(List.of(fixture.textLayer("a", "a")), "x")));

    Path config = reader.export(run, "v", work.resolve("v.tar"));

    assertThat(work.resolve("v.tar")).isRegularFile();
    assertThat(config).hasFileName("v.config.json");
    assertThat(Files.readAllBytes(config)).isEqualTo(ArchiveFixture.runtimeConfig("x"));
  }
}
