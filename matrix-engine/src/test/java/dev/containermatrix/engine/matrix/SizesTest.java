package dev.containermatrix.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
  private static final Origin ORIGIN = Origin.yaml("m.yaml", 7, "memory");

  @ParameterizedTest
  @CsvSource({
    "256m, 268435456",
    "1g, 1073741824",
    "512k, 524288",
    "1024, 1024",
    "1024b, 1024",
    "1.5g, 1610612736",
    "256MiB, 268435456",
    "1gb, 1073741824",
    "1G, 1073741824",
    "2KIB, 2048",
    "1t, 1099511627776",
    "0.5k, 512"
  })
  void parsesBinarySizesCaseInsensitively(String text, long bytes) {
    assertThat(Sizes.parseBytes(text, ORIGIN)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "m", "256x", "-1m", "1.g", "256 mb extra", "1ib"})
  void rejectsMalformedSizeNamingOriginValueAndExample(String text) {
    assertThatThrownBy(() -> Sizes.parseBytes(text, ORIGIN))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "m.yaml, line 7, key 'memory': '"
                + text
                + "' is not a size; write a number with an optional unit k, m, g or t, like 256m,"
                + " 1g or 1.5GiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.3k", "1.5", "9000000t"})
  void rejectsSizesThatAreNotAWholeNumberOfBytes(String text) {
    assertThatThrownBy(() -> Sizes.parseBytes(text, ORIGIN))
        .hasMessage(
            "m.yaml, line 7, key 'memory': '"
                + text
                + "' is not a whole number of bytes below 8 EiB; write it like 256m, 1g or 1.5GiB");
  }

  @ParameterizedTest
  @CsvSource({"1, 1.0", "0.5, 0.5", "2, 2.0", ".25, 0.25"})
  void parsesPositiveCpuCounts(String text, double cpus) {
    assertThat(Sizes.parseCpus(text, ORIGIN)).isEqualTo(cpus);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "NaN", "Infinity", "1e3", "0.0"})
  void rejectsCpuCountsThatAreNotPositiveDecimals(String text) {
    assertThatThrownBy(() -> Sizes.parseCpus(text, ORIGIN))
        .hasMessage(
            "m.yaml, line 7, key 'memory': '"
                + text
                + "' is not a CPU count; write a positive number like 1, 0.5 or 2");
  }

  @ParameterizedTest
  @CsvSource({
    "10m, PT10M",
    "30s, PT30S",
    "1h, PT1H",
    "500ms, PT0.5S",
    "1h30m, PT1H30M",
    "2d, PT48H",
    "PT10M, PT10M",
    "pt1m30s, PT1M30S",
    "10M, PT10M"
  })
  void parsesShortAndIsoDurations(String text, String iso) {
    assertThat(Sizes.parseDuration(text, ORIGIN)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "10", "m", "10x", "1h 30m", "0s", "PT0S", "P", "-5m", "99999999999999999999s"})
  void rejectsMalformedOrNonPositiveDurations(String text) {
    assertThatThrownBy(() -> Sizes.parseDuration(text, ORIGIN))
        .hasMessage(
            "m.yaml, line 7, key 'memory': '"
                + text
                + "' is not a positive duration; write it like 500ms, 30s, 10m, 1h30m or PT10M");
  }

  @ParameterizedTest
  @CsvSource({
    "268435456, 256 MiB",
    "1073741824, 1 GiB",
    "1610612736, 1.5 GiB",
    "512, 512 B",
    "1536, 1.5 KiB",
    "1099511627776, 1 TiB"
  })
  void formatsBytesWithBinaryUnits(long bytes, String text) {
    assertThat(Sizes.formatBytes(bytes)).isEqualTo(text);
  }
}
