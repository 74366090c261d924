package dev.containermatrix.engine.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a status is coloured, and how a cell's colour says its time: each status keeps its hue (green
 * passed, red failed, amber stripes allowed, purple infrastructure error, grey aborted), and a cell
 * is the lighter the shorter its time against its class's slowest. There are {@value #STEPS}
 * shades, {@code shade-0} (under 20% of the slowest) to {@code shade-4} (80% and more: the status's
 * full colour); each is the full colour with its HSL lightness moved towards white, hue and
 * saturation kept, so a shade still reads as its status. A cell with no time, or in a class where
 * none has one, has no shade class and shows the full colour.
 *
 * <p>The text on each colour is white or black, whichever contrasts more with it (for a striped
 * colour: with the stripe it contrasts least with); so every cell's text has a WCAG contrast of at
 * least 4.58:1.
 */
final class CellShade {
  static final int STEPS = 5;

  /** How far the lightest shade moves each colour's lightness towards white. */
  static final double LIGHTEST = 0.75;

  static final int WHITE = 0xffffff;
  static final int BLACK = 0x000000;

  /**
   * A status's CSS class and colours: one, or two for stripes.
   *
   * @param name the status's name in the page's CSS variables ({@code --passed})
   */
  record Palette(String cssClass, String name, List<Integer> colours) {
    Palette {
      colours = List.copyOf(colours);
      if (colours.isEmpty() || colours.size() > 2) {
        throw new IllegalArgumentException(
            "A status colour is one colour or two stripes, not " + colours.size());
      }
    }
  }

  static final List<Palette> PALETTES =
      List.of(
          new Palette("s-passed", "passed", List.of(0x2e7d32)),
          new Palette("s-failed", "failed", List.of(0xc62828)),
          new Palette("s-allowed", "allowed", List.of(0xf0a000, 0xffd54f)),
          new Palette("s-infra", "infra", List.of(0x6a1b9a)),
          new Palette("s-aborted", "aborted", List.of(0x9e9e9e)),
          new Palette("s-unknown", "unknown", List.of(0x546e7a)));

  private CellShade() {}

  /**
   * The shade class of a cell whose time is {@code value} where its class's slowest took {@code
   * slowest}: {@code shade-0} to {@code shade-4}; empty without a time, or when the slowest is not
   * above 0.
   */
  static Optional<String> of(OptionalLong value, long slowest) {
    if (value.isEmpty() || slowest <= 0) {
      return Optional.empty();
    }
    double share = Math.max(0, (double) value.getAsLong() / slowest);
    return Optional.of("shade-" + (int) Math.min(STEPS - 1, Math.floor(share * STEPS)));
  }

  /** The colour of {@code step} ({@code 0} lightest to {@code STEPS - 1}, the full colour). */
  static int shade(int colour, int step) {
    if (step < 0 || step >= STEPS) {
      throw new IllegalArgumentException(
          "A shade is 0 to " + (STEPS - 1) + ", not " + step + "; use a step of CellShade.of");
    }
    if (step == STEPS - 1) {
      return colour & 0xffffff;
    }
    double[] hsl = hsl(colour);
    double towardsWhite = LIGHTEST * (STEPS - 1 - step) / (STEPS - 1);
    return rgb(hsl[0], hsl[1], hsl[2] + (1 - hsl[2]) * towardsWhite);
  }

  /**
   * White or black, whichever contrasts more with the one of {@code colours} it contrasts least.
   */
  static int text(List<Integer> colours) {
    double onWhite = colours.stream().mapToDouble(c -> contrast(c, WHITE)).min().orElseThrow();
    double onBlack = colours.stream().mapToDouble(c -> contrast(c, BLACK)).min().orElseThrow();
    return onWhite >= onBlack ? WHITE : BLACK;
  }

  /** The CSS of the statuses: their variables, badges and cells, each shade of each cell. */
  static String css() {
    StringBuilder css = new StringBuilder(":root{");
    for (Palette p : PALETTES) {
      css.append("--").append(p.name()).append(':').append(hex(p.colours().get(0))).append(';');
    }
    css.append("}\n");
    for (Palette p : PALETTES) {
      css.append('.').append(p.cssClass()).append('{');
      background(css, p.colours());
      css.append("}\n");
      for (int step = 0; step < STEPS; step++) {
        List<Integer> shaded = new ArrayList<>();
        for (int colour : p.colours()) {
          shaded.add(shade(colour, step));
        }
        css.append(".").append(p.cssClass()).append(".shade-").append(step).append('{');
        background(css, shaded);
        css.append("}\n");
      }
    }
    return css.toString();
  }

  private static void background(StringBuilder css, List<Integer> colours) {
    if (colours.size() == 1) {
      css.append("background:").append(hex(colours.get(0)));
    } else {
      css.append("background:repeating-linear-gradient(45deg,")
          .append(hex(colours.get(0)))
          .append(" 0 8px,")
          .append(hex(colours.get(1)))
          .append(" 8px 16px)");
    }
    css.append(";color:").append(hex(text(colours)));
  }

  static String hex(int rgb) {
    return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
  }

  /** WCAG 2's contrast ratio of two colours, 1 to 21. */
  static double contrast(int a, int b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** WCAG 2's relative luminance. */
  static double luminance(int rgb) {
    return 0.2126 * linear(rgb >> 16 & 0xff)
        + 0.7152 * linear(rgb >> 8 & 0xff)
        + 0.0722 * linear(rgb & 0xff);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** Hue (0 to 360), saturation and lightness (0 to 1). */
  static double[] hsl(int rgb) {
    double r = (rgb >> 16 & 0xff) / 255.0;
    double g = (rgb >> 8 & 0xff) / 255.0;
    double b = (rgb & 0xff) / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double l = (max + min) / 2;
    double d = max - min;
    if (d == 0) {
      return new double[] {0, 0, l};
    }
    double s = d / (1 - Math.abs(2 * l - 1));
    double h;
    if (max == r) {
      h = 60 * (((g - b) / d) % 6);
    } else if (max == g) {
      h = 60 * ((b - r) / d + 2);
    } else {
      h = 60 * ((r - g) / d + 4);
    }
    return new double[] {h < 0 ? h + 360 : h, s, l};
  }

  static int rgb(double h, double s, double l) {
    double c = (1 - Math.abs(2 * l - 1)) * s;
    double x = c * (1 - Math.abs((h / 60) % 2 - 1));
    double m = l - c / 2;
    double[] rgb =
        switch ((int) (h / 60) % 6) {
          case 0 -> new double[] {c, x, 0};
          case 1 -> new double[] {x, c, 0};
          case 2 -> new double[] {0, c, x};
          case 3 -> new double[] {0, x, c};
          case 4 -> new double[] {x, 0, c};
          default -> new double[] {c, 0, x};
        };
    int out = 0;
    for (double channel : rgb) {
      out = out << 8 | (int) Math.round(Math.max(0, Math.min(1, channel + m)) * 255);
    }
    return out;
  }
}
