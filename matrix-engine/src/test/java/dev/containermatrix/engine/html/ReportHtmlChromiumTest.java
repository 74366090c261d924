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
 * report.html as a person sees it, in Debian's headless Chromium: the cells in their status
 * colours, and a failure's message in the details a click (here: the {@code #cell=} link a click
 * makes) opens. The cells' positions come from the same page with a probe script added that writes
 * each cell's box into the DOM ({@code --dump-dom}); the colours from a screenshot of the page
 * itself. Skipped without chromium, failed under CI=true.
 */
class ReportHtmlChromiumTest {
  static final String PASSED = "aaaaaaaaaaa1";
  static final String FAILED = "aaaaaaaaaaa2";
  static final String ALLOWED = "aaaaaaaaaaa3";
  static final String INFRA = "aaaaaaaaaaa4";
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

  @BeforeEach
  void writePage() throws IOException {
    chromium = HeadlessChromium.require(work);
    ObjectNode report = ReportHtmlTest.report();
    ReportHtmlTest.variant(report, PASSED, "demo.ColoursTest", "PASSED", "jdk", "17")
        .with("values")
        .put("lib", "1.0");
    ObjectNode failed =
        ReportHtmlTest.variant(report, FAILED, "demo.ColoursTest", "FAILED", "jdk", "17");
    failed.with("values").put("lib", "2.0");
    failed
        .putArray("failures")
        .addObject()
        .put("test", "demo.ColoursTest#answer(Variant)")
        .put("message", MESSAGE);
    ReportHtmlTest.variant(report, ALLOWED, "demo.ColoursTest", "FAILED_ALLOWED", "jdk", "25")
        .with("values")
        .put("lib", "1.0");
    ReportHtmlTest.variant(report, INFRA, "demo.ColoursTest", "INFRA_ERROR", "jdk", "25")
        .with("values")
        .put("lib", "2.0");
    String html = ReportHtml.render(report);
    page = Files.writeString(work.resolve("report.html"), html);
    probe =
        Files.writeString(work.resolve("probe.html"), html.replace("</body>", PROBE + "</body>"));
  }

  @Test
  void eachCellShowsItsStatusColour() throws Exception {
    Map<String, int[]> boxes = boxes(chromium.dumpDom(probe.toUri().toString()), "data-variant");
    BufferedImage shot = ImageIO.read(chromium.screenshot(page.toUri().toString()).toFile());

    assertThat(boxes).containsOnlyKeys(PASSED, FAILED, ALLOWED, INFRA);
    assertThat(colourInside(shot, boxes.get(PASSED))).as("passed: green").isEqualTo(0x2e7d32);
    assertThat(colourInside(shot, boxes.get(FAILED))).as("failed: red").isEqualTo(0xc62828);
    assertThat(colourInside(shot, boxes.get(INFRA))).as("infra error: purple").isEqualTo(0x6a1b9a);
    int allowed = colourInside(shot, boxes.get(ALLOWED));
    assertThat(isAmber(allowed)).as("failed-allowed: amber stripes, was #%06x", allowed).isTrue();
    assertThat(stripeColours(shot, boxes.get(ALLOWED)))
        .as("failed-allowed is striped: both stripe colours show")
        .contains(0xf0a000, 0xffd54f);
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

  static boolean isAmber(int rgb) {
    int r = rgb >> 16 & 0xff;
    int g = rgb >> 8 & 0xff;
    int b = rgb & 0xff;
    return r > 220 && g > 140 && g < 230 && b < 110;
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
