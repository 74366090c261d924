package dev.containermatrix.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode golden() throws IOException {
    try (InputStream in =
        ReportHtmlTest.class.getResourceAsStream(
            "/dev/containermatrix/engine/report/golden/report.json")) {
      return JSON.readTree(in);
    }
  }

  @Test
  void rendersTheGoldenReportWithItsRunsClassesAndVariants() throws IOException {
    String html = ReportHtml.render(golden());

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<dt>runs</dt><dd>run-a, run-b</dd>")
        .contains("<dt>backend</dt><dd>native, process</dd>")
        .contains("Linux 6.1, aarch64, 1 CPUs")
        .contains("<h2>demo.ZoneTest</h2>")
        .contains("<h2>demo.BetaTest</h2>")
        .contains("No variant ran of: <code>demo.AlphaTest</code>")
        .contains("expected: 0\nbut was: 1800000 é ☃ &lt;tab&gt;")
        .contains("pids: no pids controller; nofile: &quot;ulimit&quot; refused")
        .contains("cpus 1.5, memory 512 MiB, pids 256, nofile 1024")
        .contains(
            "href=\"variants/run-a/demo.ZoneTest/jdk%3D25%2Ctz%3Dkolkata-3f2a9c0b1d4e/stderr.log\"");
  }

  @Test
  void theSummaryCountsVariantsPerStatus() throws IOException {
    String html = ReportHtml.render(golden());

    assertThat(html)
        .contains("s-passed\">PASSED 1<")
        .contains("s-failed\">FAILED 1<")
        .contains("s-allowed\">FAILED_ALLOWED 0<")
        .contains("s-infra\">INFRA_ERROR 0<")
        .contains("s-aborted\">ABORTED 1<");
  }

  @Test
  void aCellCarriesItsStatusCountsAndLinkToItsDetails() throws IOException {
    String html = ReportHtml.render(golden());

    assertThat(html)
        .contains(
            "<a class=\"cell s-failed shade-4\" href=\"#cell=3f2a9c0b1d4e\""
                + " data-variant=\"3f2a9c0b1d4e\"")
        .contains("<span class=\"counts\">3 / 1 / 2</span>")
        .contains("<details class=\"panel\" id=\"v1\" data-variant=\"3f2a9c0b1d4e\">");
  }

  @Test
  void cellsAreShadedByTimeAgainstTheClasssSlowestTheSlowestInItsStatussFullColour() {
    ObjectNode report = report();
    variant(report, "aaaaaaaaaaa1", "demo.T", "PASSED", "jdk", "17").put("durationMillis", 4000);
    variant(report, "aaaaaaaaaaa2", "demo.T", "PASSED", "jdk", "21").put("durationMillis", 1000);
    variant(report, "aaaaaaaaaaa3", "demo.T", "FAILED", "jdk", "25").put("durationMillis", 200);
    variant(report, "aaaaaaaaaaa4", "demo.T", "PASSED", "jdk", "26");
    variant(report, "bbbbbbbbbbb1", "demo.U", "PASSED", "jdk", "17").put("durationMillis", 1000);

    String html = ReportHtml.render(report);

    assertThat(html)
        .as("slowest: shade-4, the full colour; 25%%: shade-1; 5%%: shade-0, the lightest")
        .contains("<a class=\"cell s-passed shade-4\" href=\"#cell=aaaaaaaaaaa1\"")
        .contains("<a class=\"cell s-passed shade-1\" href=\"#cell=aaaaaaaaaaa2\"")
        .contains("<a class=\"cell s-failed shade-0\" href=\"#cell=aaaaaaaaaaa3\"")
        .as("without a time: the status colour, unshaded")
        .contains("<a class=\"cell s-passed\" href=\"#cell=aaaaaaaaaaa4\"")
        .as("each class has its own slowest")
        .contains("<a class=\"cell s-passed shade-4\" href=\"#cell=bbbbbbbbbbb1\"")
        .as("the full shade is the status colour; a lighter one keeps the text readable")
        .contains(".s-passed.shade-4{background:#2e7d32;color:#ffffff}")
        .contains(".s-passed.shade-0{background:#c1e8c3;color:#000000}")
        .doesNotContain("class=\"bar time\"");
  }

  @Test
  void aClassWithoutTimesShowsItsStatusColoursUnshadedAndSaysSo() throws IOException {
    ObjectNode report = report();
    variant(report, "aaaaaaaaaaa1", "demo.T", "PASSED", "jdk", "17");
    variant(report, "aaaaaaaaaaa2", "demo.T", "FAILED", "jdk", "25").put("durationMillis", 0);

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("<a class=\"cell s-passed\" href=")
        .contains("<a class=\"cell s-failed\" href=")
        .contains("no times here, so cells are not shaded")
        .doesNotContain("cell s-passed shade-")
        .doesNotContain("cell s-failed shade-");
  }

  @Test
  void theCpuBarIsAgainstTheClasssBusiestAndTheLegendSaysWhatShadeAndBarMean() {
    ObjectNode report = report();
    variant(report, "aaaaaaaaaaa1", "demo.T", "PASSED", "jdk", "17")
        .put("durationMillis", 1000)
        .put("cpuMillis", 500);
    variant(report, "aaaaaaaaaaa2", "demo.T", "PASSED", "jdk", "25")
        .put("durationMillis", 80000)
        .put("cpuMillis", 2000);

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("class=\"bar cpu\"><i style=\"width:25%\">")
        .contains("class=\"bar cpu\"><i style=\"width:100%\">")
        .contains("shade: time against the slowest here (1m20s), lighter is faster: ")
        .contains("<span class=\"swatch s-passed shade-0\" title=\"0% to 20%\"></span>")
        .contains("<span class=\"swatch s-passed shade-4\" title=\"from 80%\"></span>")
        .contains("; bar: CPU time against the busiest here (2.0s)");
  }

  @Test
  void theReplayCommandFiltersByTheVariantsValuesAndItsRun() {
    ObjectNode report = report();
    variant(report, "3f2a9c0b1d4e", "demo.ZoneTest", "FAILED", "jdk", "25")
        .put("runId", "20261127-101500-a1b2c3");

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains(
            "mvn verify -Dtest=ZoneTest -Dcontainermatrix.replay=20261127-101500-a1b2c3#jdk=25");
  }

  @Test
  void aValueAFilterCannotHoldMakesTheReplayFilterTheVariantsId() {
    ObjectNode report = report();
    variant(report, "3f2a9c0b1d4e", "demo.ZoneTest", "FAILED", "tz", "a,b");

    assertThat(ReportHtml.render(report)).contains("replay=run-1#3f2a9c0b1d4e");
  }

  @Test
  void contractFieldsAreShownWhenPresent() {
    ObjectNode report = report();
    ObjectNode v = variant(report, "aaaaaaaaaaa1", "demo.T", "FAILED_ALLOWED", "jdk", "26");
    v.put("attempts", 3).put("peakMemoryBytes", 268435456L);
    v.putArray("runningTest").add("demo.T#slow()");
    v.putArray("flaky")
        .addObject()
        .put("test", "demo.T#wobbly()")
        .put("attempts", 2)
        .put("message", "first time unlucky");

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("<a class=\"cell s-allowed\"")
        .contains("<dt>attempts</dt><dd>3</dd>")
        .contains("<dt>peak memory</dt><dd>256 MiB</dd>")
        .contains("<dt>running at timeout</dt><dd>demo.T#slow()</dd>")
        .contains("flaky: <code>demo.T#wobbly()</code>, passed after 2 attempt(s)")
        .contains("first time unlucky");
  }

  @Test
  void hostileTextIsEscapedEverywhere() {
    ObjectNode report = report();
    report.put("backend", "<script>alert(1)</script>");
    String evil = "<script>alert('x')</script>\"&<img src=x onerror=alert(1)>";
    ObjectNode v = variant(report, evil, evil, "<b>FAILED", evil, evil);
    v.put("name", evil).put("reason", evil).put("logs", "javascript:alert(1)");
    v.putArray("failures").addObject().put("test", evil).put("message", evil + " ☃ \u0000");
    v.putArray("notEnforced").add(evil);

    String html = ReportHtml.render(report);

    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(html)
        .doesNotContain("<img")
        .doesNotContain("<b>FAILED")
        .doesNotContain("href=\"javascript:")
        .contains("href=\"javascript%3Aalert%281%29/\"")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;&lt;img")
        .contains("☃ \uFFFD")
        .contains("class=\"cell s-unknown\"");
  }

  @Test
  void anAbsoluteOrParentLogPathIsTextNotALink() {
    ObjectNode report = report();
    variant(report, "aaaaaaaaaaa1", "demo.T", "FAILED", "jdk", "1").put("logs", "/etc/passwd");
    variant(report, "aaaaaaaaaaa2", "demo.T", "FAILED", "jdk", "2").put("logs", "a/../../x");

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("<dt>logs</dt><dd><code>/etc/passwd</code></dd>")
        .contains("<dt>logs</dt><dd><code>a/../../x</code></dd>");
  }

  @Test
  void aMergedReportShowsEveryRunAndShard() {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    ArrayNode runs = report.putArray("runs");
    runs.addObject().put("runId", "shard-1").put("backend", "native");
    runs.addObject().put("runId", "shard-2").put("backend", "native");
    report.putObject("shard").put("index", 2).put("total", 4);
    report.putArray("variants");
    variant(report, "aaaaaaaaaaa1", "demo.T", "PASSED", "jdk", "17").put("runId", "shard-1");
    variant(report, "aaaaaaaaaaa2", "demo.T", "FAILED", "jdk", "25").put("runId", "shard-2");

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("<dt>runs</dt><dd>shard-1, shard-2</dd>")
        .contains("<dt>shard</dt><dd>2 of 4</dd>")
        .contains("replay=shard-2#jdk=25")
        .contains("(run shard-1)");
  }

  @Test
  void theMergeCommandsTreeShowsItsFilesShardsHostsAndBackends() {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("runId", "r1").put("backend", "native, docker");
    report.putObject("host").put("kernel", "Linux 6.1").put("arch", "amd64");
    ArrayNode hosts = report.putArray("hosts");
    hosts.addObject().put("kernel", "Linux 6.1").put("arch", "amd64");
    hosts.addObject().put("kernel", "Linux 6.12").put("arch", "aarch64");
    ArrayNode from = report.putArray("mergedFrom");
    from.addObject()
        .put("file", "a/report-1-of-2.json")
        .put("runId", "r1")
        .putObject("shard")
        .put("index", 1)
        .put("total", 2);
    from.addObject()
        .put("file", "b/report-2-of-2.json")
        .put("runId", "r2")
        .putObject("shard")
        .put("index", 2)
        .put("total", 2);
    ArrayNode runs = report.putArray("runs");
    runs.addObject().put("runId", "r1").put("backend", "native");
    runs.addObject().put("runId", "r2").put("backend", "docker");
    report.putArray("variants");

    String html = ReportHtml.render(report);

    assertThat(html)
        .contains("<dt>runs</dt><dd>r1, r2</dd>")
        .contains(
            "<dt>merged from</dt><dd>a/report-1-of-2.json (shard 1 of 2),"
                + " b/report-2-of-2.json (shard 2 of 2)</dd>")
        .contains("<dt>backend</dt><dd>native, docker</dd>")
        .contains("<dt>host</dt><dd>Linux 6.1, amd64; Linux 6.12, aarch64</dd>");
  }

  @Test
  void aVariantInSeveralRunsShowsItsNewestInTheCellAndEveryRunInDetails() {
    ObjectNode report = report();
    variant(report, "aaaaaaaaaaa1", "demo.T", "FAILED", "jdk", "17").put("runId", "old");
    variant(report, "aaaaaaaaaaa1", "demo.T", "PASSED", "jdk", "17").put("runId", "new");

    String html = ReportHtml.render(report);

    assertThat(count(html, "<a class=\"cell")).isEqualTo(1);
    assertThat(html)
        .contains("<a class=\"cell s-passed\"")
        .contains("(run old)")
        .contains("(run new)");
  }

  @Test
  void treesThatAreNotReportsAreRefusedWithAReason() {
    assertThatThrownBy(() -> ReportHtml.render(JSON.readTree("[1,2]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot render report.html: the tree is not a report.json (it is a JSON array, not"
                + " an object); render a report.json that a run or the merge command wrote");
    assertThatThrownBy(() -> ReportHtml.render(JSON.readTree("{\"runId\":\"x\"}")))
        .hasMessageContaining("(it has no variants array)");
    assertThatThrownBy(() -> ReportHtml.render(JSON.readTree("{\"variants\":[]}")))
        .hasMessageContaining("(it has neither a runId nor a runs array)");
  }

  @Test
  void anEmptyRunRendersItsSummary() {
    assertThat(ReportHtml.render(report()))
        .contains("<dt>run</dt><dd>run-1</dd>")
        .contains("0 in 0 class(es)");
  }

  static ObjectNode report() {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("runId", "run-1").put("backend", "native");
    report.putArray("variants");
    return report;
  }

  static ObjectNode variant(
      ObjectNode report, String id, String testClass, String status, String axis, String value) {
    ObjectNode v = ((ArrayNode) report.get("variants")).addObject();
    v.put("id", id).put("class", testClass).put("name", axis + "=" + value).put("status", status);
    v.putObject("values").put(axis, value);
    v.putObject("tests")
        .put("passed", 1)
        .put("failed", status.equals("PASSED") ? 0 : 1)
        .put("skipped", 0);
    return v;
  }

  static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
