package dev.containermatrix.backend.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes read as an image index, manifest, config or {@code docker save} manifest.json end in a
 * result or a plain {@link IllegalArgumentException} saying what is wrong (which image sources turn
 * into an {@code ImageSourceException} naming the file, and the archive into an {@code
 * ArchiveIntegrityException}): never another exception (a {@link NumberFormatException} is an
 * {@code IllegalArgumentException} too, but not one of ours), a hang or running out of memory.
 * Without {@code JAZZER_FUZZ} this replays the seeds in {@code OciDocumentsFuzzTestInputs/}; see
 * docs/architecture.md, "Fuzz tests", for fuzzing for real.
 */
class OciDocumentsFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readsAnyDocumentOrSaysWhatIsWrong(byte[] json) {
    read(json, Index.class);
    read(json, Manifest.class);
    read(json, ImageConfig.class);
    read(json, DockerManifestEntry[].class);
  }

  private static void read(byte[] json, Class<?> type) {
    try {
      assertThat(OciDocuments.read(json, type)).isNotNull();
    } catch (IllegalArgumentException e) {
      if (e.getClass() != IllegalArgumentException.class) {
        throw e;
      }
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
