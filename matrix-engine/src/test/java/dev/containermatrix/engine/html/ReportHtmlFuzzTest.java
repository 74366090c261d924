package dev.containermatrix.engine.html;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * Any JSON given as a report renders, or is refused as "not a report.json": never another
 * exception, and never an element of the input in the page (the page's own script is its only one).
 * Without {@code JAZZER_FUZZ} this replays the seeds in {@code ReportHtmlFuzzTestInputs/}; see
 * docs/architecture.md, "Fuzz tests", for fuzzing for real. {@link ReportHtmlMangleTest} mangles
 * the golden report in every run.
 */
class ReportHtmlFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void rendersAnyJsonOrSaysItIsNotAReport(byte[] input) {
    JsonNode tree;
    try {
      tree = ReportHtmlTest.JSON.readTree(new String(input, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return; // not JSON: the page is rendered from a tree, so this is the reader's concern
    }
    ReportHtmlMangleTest.rendersOrRefuses(tree);
  }
}
