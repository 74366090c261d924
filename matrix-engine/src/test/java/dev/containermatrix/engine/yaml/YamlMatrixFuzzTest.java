package dev.containermatrix.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import java.io.ByteArrayInputStream;

/**
 * Any bytes given as a matrix file end in a {@link MatrixDefinition} or a {@link
 * MatrixDefinitionException} naming the file: never another exception, a hang or running out of
 * memory. Without {@code JAZZER_FUZZ} this replays the seeds in {@code YamlMatrixFuzzTestInputs/};
 * see docs/architecture.md, "Fuzz tests", for fuzzing for real.
 */
class YamlMatrixFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readsAMatrixOrSaysWhatIsWrong(byte[] yaml) {
    try {
      MatrixDefinition matrix =
          new YamlMatrixReader().read("fuzz.yaml", new ByteArrayInputStream(yaml));
      assertThat(matrix.source()).isEqualTo("fuzz.yaml");
    } catch (MatrixDefinitionException e) {
      // the bytes are in memory, so a message that the file "cannot be read" misleads
      assertThat(e.getMessage()).startsWith("fuzz.yaml").doesNotContain("cannot be read");
    }
  }
}
