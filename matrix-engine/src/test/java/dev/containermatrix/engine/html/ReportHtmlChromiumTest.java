package dev.containermatrix.engine.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a person sees it, in Debian's headless Chromium: the cells in their statuses'
 * hues, a slow cell darker than a fast one, each cell's text readable on its shade, and a failure's
 * message in the details a click (here: the {@code #cell=} link a click makes) opens. The cells'
 * positions come from the same page with a probe script added that writes each cell's box into the
 * DOM ({@code --dump-dom}); the colours from a screenshot of the page itself. Skipped without
 * chromium, failed under CI=true.
 */
class ReportHtmlChromiumTest {
  static final String PASSED = "aaaaaaaaaaa1";
  static final String FAILED = "aaaaaaaaaaa2";
  static final String ALLOWED = "aaaaaaaaaaa3";
  static final String INFRA = "aaaaaaaaaaa4";
  static final String FAST = "aaaaaaaaaaa5";
  static final String ABORTED = "aaaaaaaaaaa6";
  static final String MESSAGE = "expected 42 but was 41";

  /** Writes each cell's and each open panel's box, in CSS px, as a {@code data-box} attribute. */
  static final String PROBE =
      "<script>document.querySelectorAll('a.cell,details.panel[open]').forEach(function(e){"
          + "var r=e.getBoundingClientRect();e.setAttribute('data-box',[Math.round(r.left),"
          + "Math.round(r.top),Math.round(r.width),Math.round(r.height)].join(','));});</script>";

  @TempDir Path work;
  HeadlessChromium chromium;
  Path page;
  Path probe;

  /**
   * Six cells of one class: the slowest passed (60 s), a fast passed (2 s: the lightest shade), a
   * failed one at half the slowest's time, an allowed and an infrastructure failure near the
   * slowest, and an aborted one without a time (unshaded).
   */
  @BeforeEach
  void writePage() throws IOException {
    chromium = HeadlessChromium.require(work);
    ObjectNode report = ReportHtmlTest.report();
    cell(report, PASSED, "PASSED", "17", "1.0").put("durationMillis", 60_000);
    ObjectNode failed = cell(report, FAILED, "FAILED", "17", "2.0").put("durationMillis", 30_000);
    failed
        .putArray("failures")
        .addObject()
        .put("test", "demo.ColoursTest#answer(Variant)")
        .put("message", MESSAGE);
    cell(report, ALLOWED, "FAILED_ALLOWED", "25", "1.0").put("durationMillis", 59_000);
    cell(report, INFRA, "INFRA_ERROR", "25", "2.0").put("durationMillis", 55_000);
    cell(report, FAST, "PASSED", "25", "3.0").put("durationMillis", 2_000);
    cell(report, ABORTED, "ABORTED", "17", "3.0");
    String html = ReportHtml.render(report);
    page = Files.writeString(work.resolve("report.html"), html);
    probe =
        Files.writeString(work.resolve("probe.html"), html.replace("</body>", PROBE + "</body>"));
  }

  private static ObjectNode cell(
      ObjectNode report, String id, String status, String jdk, String lib) {
    ObjectNode variant = ReportHtmlTest.variant(report, id, "demo.ColoursTest", status, "jdk", jdk);
    ((ObjectNode) variant.get("values")).put("lib", lib);
    return variant;
  }

  @Test
  void eachCellShowsItsStatussHueWhateverItsShade() throws Exception {
    Map<String, int[]> boxes = boxes(chromium.dumpDom(probe.toUri().toString()), "data-variant");
    BufferedImage shot = ImageIO.read(chromium.screenshot(page.toUri().toString()).toFile());

    assertThat(boxes).containsOnlyKeys(PASSED, FAILED, ALLOWED, INFRA, FAST, ABORTED);
    Map<String, String> seen = new LinkedHashMap<>();
    boxes.forEach((id, box) -> seen.put(id, hueOf(colourInside(shot, box))));
    assertThat(seen)
        .as("the hue inside each cell (colours: %s)", colours(shot, boxes))
        .containsEntry(PASSED, "green")
        .containsEntry(FAST, "green")
        .containsEntry(FAILED, "red")
        .containsEntry(ALLOWED, "amber")
        .containsEntry(INFRA, "purple")
        .containsEntry(ABORTED, "grey");
    java.util.Set<Integer> stripes = stripeColours(shot, boxes.get(ALLOWED));
    assertThat(stripes).as("failed-allowed is striped: two colours show").hasSizeGreaterThan(1);
    assertThat(stripes.stream().map(ReportHtmlChromiumTest::hueOf).distinct())
        .as("every stripe of failed-allowed is amber: %s", stripes)
        .containsExactly("amber");
  }

  @Test
  void ofTwoPassedCellsTheSlowerIsDarkerAndEachCellsTextReadsOnIt() throws Exception {
    Map<String, int[]> boxes = boxes(chromium.dumpDom(probe.toUri().toString()), "data-variant");
    BufferedImage shot = ImageIO.read(chromium.screenshot(page.toUri().toString()).toFile());

    int slow = colourInside(shot, boxes.get(PASSED));
    int fast = colourInside(shot, boxes.get(FAST));
    assertThat(brightness(fast) - brightness(slow))
        .as("the 2 s cell #%06x is lighter than the 60 s one #%06x", fast, slow)
        .isGreaterThan(60);
    assertThat(count(shot, boxes.get(FAST), rgb -> brightness(rgb) < 60))
        .as("dark text on the light (fast) cell")
        .isGreaterThan(20);
    assertThat(count(shot, boxes.get(PASSED), rgb -> brightness(rgb) > 220))
        .as("light text on the dark (slow) cell")
        .isGreaterThan(20);
  }

  @Test
  void theFailuresMessageShowsInTheDetailsTheCellsLinkOpens() throws Exception {
    String url = page.toUri() + "#cell=" + FAILED;

    String dom = chromium.dumpDom(url);
    Matcher open =
        Pattern.compile(
                "<details class=\"panel\" id=\"v\\d+\" data-variant=\""
                    + FAILED
                    + "\" open=\"\">(.*?)</details>",
                Pattern.DOTALL)
            .matcher(dom);
    assertThat(open.find()).as("the failed variant's details are open: %s", dom).isTrue();
    assertThat(open.group(1)).contains(MESSAGE).contains("demo.ColoursTest#answer(Variant)");
    assertThat(dom).containsOnlyOnce(" open=\"\"");

    int[] panel = boxes(chromium.dumpDom(probe.toUri() + "#cell=" + FAILED), "open").get("");
    BufferedImage shot = ImageIO.read(chromium.screenshot(url).toFile());
    assertThat(panel).as("the open panel's box").isNotNull();
    assertThat(count(shot, panel, rgb -> rgb == 0xc62828))
        .as("the failure's red mark shows in the open panel")
        .isGreaterThan(50);
    assertThat(count(shot, panel, rgb -> brightness(rgb) < 100))
        .as("the failure's text shows in the open panel")
        .isGreaterThan(500);
  }

  /**
   * The boxes the probe wrote: by the value of {@code key} (an attribute before {@code data-box}),
   * or by "" for the open panel when key is "open".
   */
  static Map<String, int[]> boxes(String dom, String key) {
    Map<String, int[]> boxes = new LinkedHashMap<>();
    Pattern element =
        key.equals("open")
            ? Pattern.compile(
                "<details [^>]*open=\"\"[^>]*data-box=\"(\\d+),(\\d+),(\\d+),(\\d+)\"")
            : Pattern.compile(
                "<a class=\"cell[^>]*"
                    + key
                    + "=\"([^\"]*)\"[^>]*data-box=\"(\\d+),(\\d+),(\\d+),(\\d+)\"");
    Matcher m = element.matcher(dom);
    while (m.find()) {
      int g = key.equals("open") ? 0 : 1;
      int[] box = new int[4];
      for (int i = 0; i < 4; i++) {
        box[i] = Integer.parseInt(m.group(g + 1 + i));
      }
      boxes.put(g == 0 ? "" : m.group(1), box);
    }
    return boxes;
  }

  /** The colour a few pixels inside the box's top-left corner, clear of its text and bars. */
  static int colourInside(BufferedImage shot, int[] box) {
    return shot.getRGB(box[0] + 5, box[1] + 5) & 0xffffff;
  }

  static java.util.Set<Integer> stripeColours(BufferedImage shot, int[] box) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int x = box[0] + 2; x < box[0] + box[2] - 2; x++) {
      colours.add(shot.getRGB(x, box[1] + 5) & 0xffffff);
    }
    return colours;
  }

  /**
   * The status a colour reads as by its hue, as a person names it: grey (hardly any saturation),
   * red, amber, green, purple, or "other" with the hue in degrees.
   */
  static String hueOf(int rgb) {
    float[] hsb = java.awt.Color.RGBtoHSB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, null);
    float hue = hsb[0] * 360;
    if (hsb[1] < 0.08) {
      return "grey";
    }
    if (hue < 15 || hue >= 345) {
      return "red";
    }
    if (hue >= 30 && hue < 55) {
      return "amber";
    }
    if (hue >= 90 && hue < 150) {
      return "green";
    }
    if (hue >= 260 && hue < 300) {
      return "purple";
    }
    return "other (" + Math.round(hue) + "°)";
  }

  static Map<String, String> colours(BufferedImage shot, Map<String, int[]> boxes) {
    Map<String, String> colours = new LinkedHashMap<>();
    boxes.forEach((id, box) -> colours.put(id, String.format("#%06x", colourInside(shot, box))));
    return colours;
  }

  static int brightness(int rgb) {
    return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
  }

  static int count(BufferedImage shot, int[] box, java.util.function.IntPredicate colour) {
    int n = 0;
    for (int y = box[1]; y < Math.min(shot.getHeight(), box[1] + box[3]); y++) {
      for (int x = box[0]; x < Math.min(shot.getWidth(), box[0] + box[2]); x++) {
        if (colour.test(shot.getRGB(x, y) & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }
}
