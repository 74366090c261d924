package dev.containermatrix.backend.nativeruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuTimesTest {

  @Test
  void sumsTheShellsAndItsChildrensUserAndSystemTimesAsDashPrintsThem() {
    assertThat(CpuTimes.parse("0m0.004000s 0m0.001000s\n0m0.352000s 1m0.036000s\n"))
        .contains(Duration.ofMillis(4 + 1 + 352 + 60_036));
  }

  @Test
  void somethingElseThanFourTimesIsUnknown() {
    assertThat(CpuTimes.parse("")).isEmpty();
    assertThat(CpuTimes.parse("0m0.004000s 0m0.001000s\n")).isEmpty();
  }
}
