package dev.containermatrix.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CellShadeTest {
  @Test
  void theShadeIsTheTimesFifthOfTheSlowest() {
    assertThat(CellShade.of(OptionalLong.of(4000), 4000)).contains("shade-4");
    assertThat(CellShade.of(OptionalLong.of(3200), 4000)).contains("shade-4");
    assertThat(CellShade.of(OptionalLong.of(3199), 4000)).contains("shade-3");
    assertThat(CellShade.of(OptionalLong.of(1000), 4000)).contains("shade-1");
    assertThat(CellShade.of(OptionalLong.of(799), 4000)).contains("shade-0");
    assertThat(CellShade.of(OptionalLong.of(0), 4000)).contains("shade-0");
  }

  @Test
  void noTimeOrNoSlowestMeansNoShadeAndOddTimesStayInRange() {
    assertThat(CellShade.of(OptionalLong.empty(), 4000)).isEmpty();
    assertThat(CellShade.of(OptionalLong.of(0), 0)).isEmpty();
    assertThat(CellShade.of(OptionalLong.of(5), -3)).isEmpty();
    assertThat(CellShade.of(OptionalLong.of(-50), 4000)).contains("shade-0");
    assertThat(CellShade.of(OptionalLong.of(Long.MAX_VALUE), 1)).contains("shade-4");
    assertThat(CellShade.of(OptionalLong.of(Long.MIN_VALUE), Long.MAX_VALUE))
        .isEqualTo(Optional.of("shade-0"));
  }

  @Test
  void eachShadeKeepsItsStatussHueAndIsLighterTheFasterTheFullestBeingTheStatusColour() {
    for (CellShade.Palette palette : CellShade.PALETTES) {
      for (int colour : palette.colours()) {
        double[] full = CellShade.hsl(colour);
        assertThat(CellShade.shade(colour, CellShade.STEPS - 1)).isEqualTo(colour);
        double lighter = full[2];
        for (int step = CellShade.STEPS - 2; step >= 0; step--) {
          double[] shade = CellShade.hsl(CellShade.shade(colour, step));
          String what = palette.name() + " " + CellShade.hex(colour) + " shade-" + step;
          if (full[1] > 0) {
            assertThat(shade[0]).as(what + ": hue").isCloseTo(full[0], within(4.0));
          }
          assertThat(shade[2]).as(what + ": lightness").isGreaterThan(lighter + 0.05);
          lighter = shade[2];
        }
      }
    }
  }

  @Test
  void everyShadesTextHasAContrastOfAtLeastWcagsFourAndAHalf() {
    for (CellShade.Palette palette : CellShade.PALETTES) {
      for (int step = 0; step < CellShade.STEPS; step++) {
        List<Integer> shaded = new ArrayList<>();
        for (int colour : palette.colours()) {
          shaded.add(CellShade.shade(colour, step));
        }
        int text = CellShade.text(shaded);
        for (int colour : shaded) {
          assertThat(CellShade.contrast(colour, text))
              .as("%s shade-%d %s on %s", palette.name(), step, CellShade.hex(text), colour)
              .isGreaterThanOrEqualTo(4.5);
        }
      }
    }
  }

  @Test
  void lightShadesGetDarkTextAndDarkOnesLightText() {
    assertThat(CellShade.css())
        .contains(".s-passed.shade-4{background:#2e7d32;color:#ffffff}")
        .contains(".s-passed.shade-0{background:#c1e8c3;color:#000000}")
        .contains(".s-infra.shade-4{background:#6a1b9a;color:#ffffff}")
        .contains(".s-infra.shade-0{background:#ddb9f3;color:#000000}")
        .contains(
            ".s-allowed{background:repeating-linear-gradient(45deg,#f0a000 0 8px,#ffd54f 8px"
                + " 16px);color:#000000}");
  }

  @Test
  void aShadeOutsideTheStepsIsRefused() {
    assertThatThrownBy(() -> CellShade.shade(0x2e7d32, CellShade.STEPS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A shade is 0 to 4, not 5; use a step of CellShade.of");
  }
}
