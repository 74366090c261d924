package dev.containermatrix.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The golden report mangled at random (a seeded {@link Random}, so a failure repeats): fields
 * removed, replaced by values of other types, hostile text, huge numbers, deep nesting. Each
 * mangled tree renders, or is refused as not a report.
 */
class ReportHtmlMangleTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] HOSTILE = {
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "&amp;&",
    "☃é\u0000\ud800",
    "javascript:alert(1)",
    "../../etc/passwd",
    "/abs",
    "",
    " ",
    "a,b=c",
    "PASSED",
    "FAILED_ALLOWED",
    "x".repeat(5000)
  };

  @Test
  void everyMangledGoldenReportRendersOrIsRefusedAsNotAReport() throws IOException {
    JsonNode golden = ReportHtmlTest.golden();
    Random random = new Random(14);
    for (int round = 0; round < 2000; round++) {
      JsonNode tree = golden.deepCopy();
      int mangles = 1 + random.nextInt(12);
      for (int i = 0; i < mangles; i++) {
        tree = mangle(tree, random, 0);
      }
      rendersOrRefuses(tree);
    }
  }

  @Test
  void aWideSparseMatrixIsListedRatherThanAMillionCells() {
    ObjectNode report = ReportHtmlTest.report();
    for (int i = 0; i < 1000; i++) {
      ReportHtmlTest.variant(report, "v" + i, "demo.Wide", "PASSED", "a", "a" + i)
          .with("values")
          .put("b", "b" + i);
    }

    String html = ReportHtml.render(report);

    assertThat(html).contains("<ul class=\"list\">").doesNotContain("<td class=\"absent\">");
    assertThat(html.length()).isLessThan(3_000_000);
  }

  @Test
  void nonReportsAreRefused() {
    for (JsonNode tree :
        List.<JsonNode>of(
            NODES.nullNode(), NODES.textNode("report"), NODES.arrayNode(), NODES.objectNode())) {
      assertThatThrownBy(() -> ReportHtml.render(tree))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Cannot render report.html: the tree is not a report.json (");
    }
  }

  /** The property both fuzz tests check. */
  static void rendersOrRefuses(JsonNode tree) {
    String html;
    try {
      html = ReportHtml.render(tree);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage())
          .startsWith("Cannot render report.html: the tree is not a report.json (");
      return;
    }
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(ReportHtmlTest.count(html, "<script")).isEqualTo(1);
    assertThat(ReportHtmlTest.count(html, "<img")).isZero();
    assertThat(html).doesNotContain("href=\"javascript:").doesNotContain("href=\"/");
  }

  private static JsonNode mangle(JsonNode node, Random random, int depth) {
    if (depth > 6 || random.nextInt(4) == 0) {
      return randomValue(random, depth);
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || random.nextInt(5) == 0) {
        object.set(HOSTILE[random.nextInt(HOSTILE.length)], randomValue(random, depth));
        return object;
      }
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(4) == 0) {
        object.remove(name);
      } else {
        object.set(name, mangle(object.get(name), random, depth + 1));
      }
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      if (array.isEmpty() || random.nextInt(4) == 0) {
        array.add(randomValue(random, depth));
      } else {
        int i = random.nextInt(array.size());
        array.set(i, mangle(array.get(i), random, depth + 1));
      }
      return array;
    }
    return randomValue(random, depth);
  }

  private static JsonNode randomValue(Random random, int depth) {
    return switch (random.nextInt(depth > 4 ? 7 : 9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextBoolean() ? Double.NaN : -1.5e300);
      case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
      case 5, 6 -> NODES.textNode(HOSTILE[random.nextInt(HOSTILE.length)]);
      case 7 -> {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, String> e :
            Map.of("id", "x", "status", "FAILED", "class", "c").entrySet()) {
          object.set(
              e.getKey(),
              random.nextBoolean() ? NODES.textNode(e.getValue()) : randomValue(random, depth + 1));
        }
        object.set("values", randomValue(random, depth + 1));
        yield object;
      }
      default -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
    };
  }
}
