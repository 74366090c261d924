package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UtilLinuxVersionTest {

  @Test
  void readsUnshareVersionOutput() {
    assertThat(UtilLinuxVersion.fromVersionOutput("unshare from util-linux 2.38.1\n"))
        .contains(new UtilLinuxVersion(2, 38, 1));
  }

  @Test
  void aReleaseWithoutPatchLevelHasPatchZero() {
    assertThat(UtilLinuxVersion.fromVersionOutput("unshare from util-linux 2.39-rc1"))
        .contains(new UtilLinuxVersion(2, 39, 0));
  }

  @Test
  void outputNamingNoUtilLinuxReleaseIsEmpty() {
    assertThat(
            UtilLinuxVersion.fromVersionOutput("BusyBox v1.36.1 (2023-11-07) multi-call binary."))
        .isEmpty();
  }

  @Test
  void comparesAgainstTheMinimum() {
    assertThat(new UtilLinuxVersion(2, 38, 1).isAtLeast(UtilLinuxVersion.MINIMUM)).isTrue();
    assertThat(new UtilLinuxVersion(2, 36, 0).isAtLeast(UtilLinuxVersion.MINIMUM)).isTrue();
    assertThat(new UtilLinuxVersion(2, 35, 2).isAtLeast(UtilLinuxVersion.MINIMUM)).isFalse();
    assertThat(UtilLinuxVersion.MINIMUM).hasToString("2.36.0");
  }

  @Test
  void rejectsNegativeParts() {
    assertThatThrownBy(() -> new UtilLinuxVersion(2, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a util-linux version has no negative parts, was 2.-1.0");
  }
}
