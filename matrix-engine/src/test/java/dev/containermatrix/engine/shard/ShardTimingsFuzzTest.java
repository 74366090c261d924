package dev.containermatrix.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as a timings file end in {@link ShardTimings} or an {@link
 * IllegalArgumentException} naming the key and the file: never another exception, a hang or running
 * out of memory. Without {@code JAZZER_FUZZ} this replays the seeds in {@code
 * ShardTimingsFuzzTestInputs/}.
 */
class ShardTimingsFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readsTimingsOrSaysWhatIsWrong(byte[] report) throws IOException {
    Path file = Files.createTempFile("timings-fuzz", ".json");
    try {
      Files.write(file, report);
      ShardTimings timings = ShardTimings.read(file);
      assertThat(timings.size()).isNotNegative();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith(ShardTimings.KEY + "=" + file + ": ");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
