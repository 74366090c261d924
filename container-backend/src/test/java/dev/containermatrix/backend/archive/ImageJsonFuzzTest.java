package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.function.Supplier;

/**
 * Any bytes read back as an archived image manifest or config end in a result or the {@link
 * IllegalArgumentException} that {@link ArchiveReader} turns into an {@link
 * ArchiveIntegrityException}: never another exception (a {@link NumberFormatException} is an {@code
 * IllegalArgumentException} too, but not one of ours), a hang or running out of memory. Without
 * {@code JAZZER_FUZZ} this replays the seeds in {@code ImageJsonFuzzTestInputs/}; see
 * docs/architecture.md, "Fuzz tests", for fuzzing for real.
 */
class ImageJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readsAnArchivedManifestOrConfigOrSaysWhatIsWrong(byte[] json) {
    read(() -> ImageJson.readManifest(json));
    read(() -> ImageJson.readConfig(json));
  }

  private static void read(Supplier<Object> read) {
    try {
      assertThat(read.get()).isNotNull();
    } catch (IllegalArgumentException e) {
      if (e.getClass() != IllegalArgumentException.class) {
        throw e;
      }
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
