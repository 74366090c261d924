package dev.containermatrix.examples.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.containermatrix.examples.json.JsonCodec.Event;
import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.LibraryAxis;
import dev.containermatrix.junit.Variant;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON codec across three jackson-databind versions, JDK 17 and 25, and two time zones: 12
 * variants, each in its own container, each test reported once per variant.
 */
@ContainerMatrix(timeout = "5m")
@LibraryAxis(
    artifact = "com.fasterxml.jackson.core:jackson-databind",
    versions = {"2.21.3", "2.22.0", "2.23.0"})
@JdkAxis({"17", "25"})
@ConfigAxis(
    name = "tz",
    value = {
      @Config(name = "utc", env = "TZ=UTC", systemProperties = "user.timezone=UTC"),
      @Config(
          name = "kolkata",
          env = "TZ=Asia/Kolkata",
          systemProperties = "user.timezone=Asia/Kolkata")
    })
class JsonCodecTest {
  private static final Instant NOON_UTC = Instant.parse("2024-03-10T12:00:00Z");
  private static final Map<String, String> LOCAL_NOON =
      Map.of(
          "utc", "2024-03-10T12:00:00Z",
          "kolkata", "2024-03-10T17:30:00+05:30");

  private final JsonCodec codec = new JsonCodec();

  @Test
  void runsOnTheJdkOfItsVariant(Variant variant) {
    assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(variant.value("jdk")));
  }

  @Test
  void loadsTheJacksonVersionOfItsVariant(Variant variant) {
    assertThat(PackageVersion.VERSION.toString()).isEqualTo(variant.value("jackson-databind"));
  }

  @Test
  void seesTheEnvironmentAndPropertiesOfItsTimeZone(Variant variant) {
    String zone = variant.value("tz").equals("utc") ? "UTC" : "Asia/Kolkata";
    assertThat(System.getenv("TZ")).isEqualTo(zone);
    assertThat(System.getProperty("user.timezone")).isEqualTo(zone);
  }

  @Test
  void formatsLocalTimeInTheZoneOfItsVariant(Variant variant) {
    assertThat(JsonCodec.formatLocal(NOON_UTC)).isEqualTo(LOCAL_NOON.get(variant.value("tz")));
  }

  @Test
  void roundTripsAnEvent(Variant variant) {
    Event event = new Event("deploy", NOON_UTC);
    String json = codec.encode(event);
    assertThat(json).contains("\"local\":\"" + LOCAL_NOON.get(variant.value("tz")) + "\"");
    assertThat(codec.decode(json)).isEqualTo(event);
  }
}
