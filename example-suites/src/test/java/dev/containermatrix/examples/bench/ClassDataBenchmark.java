package dev.containermatrix.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 3-test class on JDK 17 and 25: the workload of {@code bench/class-data.sh}, which compares each
 * variant's CPU time with and without the class-data archive. Not run by {@code mvn verify} (its
 * name does not end in Test).
 */
@ContainerMatrix(timeout = "5m")
@JdkAxis({"17", "25"})
class ClassDataBenchmark {

  @Test
  void addsNumbers() {
    assertThat(2 + 2).isEqualTo(4);
  }

  @Test
  void comparesLists() {
    assertThat(List.of(1, 2, 3)).containsExactly(1, 2, 3);
  }

  @Test
  void readsAMap() {
    assertThat(Map.of("a", 1)).containsEntry("a", 1);
  }
}
