package dev.containermatrix.examples.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import org.junit.jupiter.api.Test;

/**
 * 16 trivial variants (JDK 17 and 25 × eight values of one environment variable): the workload of
 * {@code bench/docker-sixteen.sh}, which times the docker backend against the native backend and
 * against a Testcontainers-style run of the same class. Its tests use plain Jupiter, with no
 * parameter of ours, so that the same class runs unchanged under JUnit's console launcher in a
 * container started the way Testcontainers starts one. Not run by {@code mvn verify} (its name does
 * not end in Test).
 */
@ContainerMatrix(timeout = "5m")
@JdkAxis({"17", "25"})
@ConfigAxis(
    name = "slot",
    value = {
      @Config(name = "1", env = "SLOT=1"),
      @Config(name = "2", env = "SLOT=2"),
      @Config(name = "3", env = "SLOT=3"),
      @Config(name = "4", env = "SLOT=4"),
      @Config(name = "5", env = "SLOT=5"),
      @Config(name = "6", env = "SLOT=6"),
      @Config(name = "7", env = "SLOT=7"),
      @Config(name = "8", env = "SLOT=8")
    })
class SixteenVariantsBenchmark {

  @Test
  void seesItsSlot() {
    String slot = System.getenv("SLOT");
    assertTrue(slot != null && slot.matches("[1-8]"), "SLOT=" + slot);
  }

  @Test
  void runsOnAJdkOfTheAxis() {
    int feature = Runtime.version().feature();
    assertTrue(feature == 17 || feature == 25, "JDK " + feature);
  }
}
