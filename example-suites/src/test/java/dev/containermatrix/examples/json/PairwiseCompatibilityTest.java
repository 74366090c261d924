package dev.containermatrix.examples.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.containermatrix.junit.Combinations;
import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.LibraryAxis;
import dev.containermatrix.junit.Variant;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Four axes whose full product is 3 × 2 × 2 × 3 = 36 variants; pairwise runs the few that cover
 * every pair of values of any two axes (report.json says how many of the 36 it chose).
 */
@ContainerMatrix(combinations = Combinations.PAIRWISE, timeout = "5m")
@LibraryAxis(
    artifact = "com.fasterxml.jackson.core:jackson-databind",
    versions = {"2.21.3", "2.22.0", "2.23.0"})
@JdkAxis({"17", "25"})
@ConfigAxis(
    name = "tz",
    value = {
      @Config(name = "utc", env = "TZ=UTC"),
      @Config(name = "kolkata", env = "TZ=Asia/Kolkata")
    })
@ConfigAxis(
    name = "locale",
    value = {
      @Config(
          name = "en",
          systemProperties = {"user.language=en", "user.country=US"}),
      @Config(
          name = "de",
          systemProperties = {"user.language=de", "user.country=DE"}),
      @Config(
          name = "fr",
          systemProperties = {"user.language=fr", "user.country=FR"})
    })
class PairwiseCompatibilityTest {

  @Test
  void everyAxisTakesEffect(Variant variant) {
    assertThat(PackageVersion.VERSION.toString()).isEqualTo(variant.value("jackson-databind"));
    assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(variant.value("jdk")));
    assertThat(System.getenv("TZ"))
        .isEqualTo(variant.value("tz").equals("utc") ? "UTC" : "Asia/Kolkata");
    assertThat(Locale.getDefault().getLanguage()).isEqualTo(variant.value("locale"));
  }

  @Test
  void roundTripsUnderEveryCombination() {
    JsonCodec codec = new JsonCodec();
    JsonCodec.Event event = new JsonCodec.Event("release", Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }
}
