package dev.containermatrix.engine.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortRunFlagsTest {

  @Test
  void aVariantWithoutJvmOptionsInItsEnvGetsC1OnlySerialGcAndTheHigherCompileThreshold() {
    assertThat(ShortRunFlags.forEnvironment(Map.of("TZ", "UTC")))
        .containsExactly(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:CompileThresholdScaling=10",
            "-Xshare:auto");
  }

  @Test
  void aCollectorNamedInTheVariantsJavaOptionsReplacesTheSerialCollector() {
    assertThat(ShortRunFlags.forEnvironment(Map.of("JDK_JAVA_OPTIONS", "-Xmx1g -XX:+UseG1GC")))
        .doesNotContain("-XX:+UseSerialGC")
        .contains("-XX:TieredStopAtLevel=1");
  }

  @Test
  void aJitSettingInJavaToolOptionsDropsC1OnlyAndTheCompileThreshold() {
    assertThat(ShortRunFlags.forEnvironment(Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation")))
        .containsExactly("-XX:+UseSerialGC", "-Xshare:auto");
    assertThat(
            ShortRunFlags.forEnvironment(
                Map.of("JAVA_TOOL_OPTIONS", "-XX:CompileThresholdScaling=1")))
        .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
  }

  @Test
  void aSuitesLongRunKeepsTheJvmsOwnJitAndCollector() {
    assertThat(ShortRunFlags.forRun(Map.of("TZ", "UTC"), RunLength.LONG))
        .containsExactly("-Xshare:auto");
    assertThat(ShortRunFlags.forRun(Map.of("TZ", "UTC"), RunLength.SHORT))
        .isEqualTo(ShortRunFlags.forEnvironment(Map.of("TZ", "UTC")));
  }
}
