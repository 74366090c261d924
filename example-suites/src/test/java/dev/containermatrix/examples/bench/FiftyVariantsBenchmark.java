package dev.containermatrix.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.LibraryAxis;
import dev.containermatrix.junit.Variant;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * 50 variants that differ in one library (slf4j-api 1.7.0–1.7.36 without the never-released 1.7.17,
 * and 2.0.0–2.0.13): the disk workload of {@code bench/fifty-variants.sh}. Not run by {@code mvn
 * verify} (its name does not end in Test).
 */
@ContainerMatrix(timeout = "5m")
@LibraryAxis(
    artifact = "org.slf4j:slf4j-api",
    versions = {
      "1.7.0", "1.7.1", "1.7.2", "1.7.3", "1.7.4", "1.7.5", "1.7.6", "1.7.7", "1.7.8", "1.7.9",
      "1.7.10", "1.7.11", "1.7.12", "1.7.13", "1.7.14", "1.7.15", "1.7.16", "1.7.18", "1.7.19",
      "1.7.20", "1.7.21", "1.7.22", "1.7.23", "1.7.24", "1.7.25", "1.7.26", "1.7.27", "1.7.28",
      "1.7.29", "1.7.30", "1.7.31", "1.7.32", "1.7.33", "1.7.34", "1.7.35", "1.7.36", "2.0.0",
      "2.0.1", "2.0.2", "2.0.3", "2.0.4", "2.0.5", "2.0.6", "2.0.7", "2.0.8", "2.0.9", "2.0.10",
      "2.0.11", "2.0.12", "2.0.13"
    })
class FiftyVariantsBenchmark {

  @Test
  void runsWithItsOwnSlf4jVersion(Variant variant) throws Exception {
    Properties pom = new Properties();
    try (InputStream in =
        org.slf4j.Logger.class.getResourceAsStream(
            "/META-INF/maven/org.slf4j/slf4j-api/pom.properties")) {
      pom.load(in);
    }
    assertThat(pom.getProperty("version")).isEqualTo(variant.value("slf4j-api"));
  }
}
