package dev.containermatrix.engine.html;

import static dev.containermatrix.engine.html.HtmlText.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A variant's details, a {@code <details>} panel a click on its cell opens: why it did not pass,
 * its counts, time, CPU and peak memory, limits and what was not enforced, its failures and flaky
 * tests, its logs (linked relative to the report, as report.json names them) and the command that
 * replays it.
 */
final class VariantPanel {
  private VariantPanel() {}

  static void render(
      StringBuilder html,
      ReportTree.Variant v,
      String statusClass,
      Optional<String> reportRun,
      int index) {
    html.append("<details class=\"panel\" id=\"v")
        .append(index)
        .append("\" data-variant=\"")
        .append(escape(v.id()))
        .append("\"><summary><span class=\"badge ")
        .append(statusClass)
        .append("\">")
        .append(escape(v.status()))
        .append("</span> ")
        .append(escape(v.name().isEmpty() ? v.id() : v.name()))
        .append(v.runId().map(r -> " <small>(run " + escape(r) + ")</small>").orElse(""))
        .append("</summary>\n<div class=\"body\"><dl class=\"facts\">\n");
    fact(html, "variant", Optional.of(v.id()));
    fact(html, "reason", v.reason());
    fact(
        html,
        "tests",
        Optional.of(
            count(v.passed())
                + " passed, "
                + count(v.failed())
                + " failed, "
                + count(v.skipped())
                + " skipped"));
    fact(html, "time", millis(v.durationMillis()));
    fact(html, "CPU", millis(v.cpuMillis()));
    fact(html, "peak memory", bytes(v.peakMemoryBytes()));
    fact(html, "attempts", text(v.attempts()));
    fact(html, "JDK", v.jdk());
    if (!v.limits().isEmpty()) {
      List<String> limits = new ArrayList<>();
      v.limits().forEach((name, value) -> limits.add(name + " " + value));
      fact(html, "limits", Optional.of(String.join(", ", limits)));
    }
    if (!v.notEnforced().isEmpty()) {
      fact(html, "not enforced", Optional.of(String.join("; ", v.notEnforced())));
    }
    if (!v.runningTest().isEmpty()) {
      fact(html, "running at timeout", Optional.of(String.join(", ", v.runningTest())));
    }
    logs(html, v.logs());
    html.append("</dl>\n");
    for (ReportTree.Failure failure : v.failures()) {
      html.append("<div class=\"failure\"><code>")
          .append(escape(failure.test()))
          .append("</code><pre>")
          .append(escape(failure.message()))
          .append("</pre></div>\n");
    }
    for (ReportTree.Flaky flaky : v.flaky()) {
      html.append("<div class=\"flaky\">flaky: <code>")
          .append(escape(flaky.test()))
          .append("</code>")
          .append(
              flaky.attempts().isPresent()
                  ? ", passed after " + flaky.attempts().getAsLong() + " attempt(s)"
                  : "")
          .append("<pre>")
          .append(escape(flaky.message()))
          .append("</pre></div>\n");
    }
    if (!v.classes().isEmpty()) {
      html.append("<table class=\"classes\"><tr><th>class</th><th>passed</th><th>failed</th>")
          .append("<th>skipped</th></tr>\n");
      for (ReportTree.ClassCount c : v.classes()) {
        html.append("<tr><td><code>")
            .append(escape(c.name()))
            .append("</code></td><td>")
            .append(count(c.passed()))
            .append("</td><td>")
            .append(count(c.failed()))
            .append("</td><td>")
            .append(count(c.skipped()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    ReplayCommand.of(v, reportRun)
        .ifPresent(
            command ->
                html.append("<div>replay:</div><pre><code>")
                    .append(escape(command))
                    .append("</code></pre>\n"));
    html.append("</div></details>\n");
  }

  /** The log directory and its two files as links; as text where it cannot be a relative link. */
  private static void logs(StringBuilder html, Optional<String> logs) {
    if (logs.isEmpty()) {
      return;
    }
    html.append("<dt>logs</dt><dd>");
    Optional<String> href = HtmlText.relativeHref(logs.get());
    if (href.isEmpty()) {
      html.append("<code>").append(escape(logs.get())).append("</code>");
    } else {
      html.append("<a href=\"")
          .append(escape(href.get()))
          .append("/\"><code>")
          .append(escape(logs.get()))
          .append("</code></a> (");
      for (String file : List.of("stdout.log", "stderr.log")) {
        html.append("<a href=\"")
            .append(escape(href.get()))
            .append("/")
            .append(file)
            .append("\">")
            .append(file)
            .append("</a>")
            .append(file.startsWith("stdout") ? ", " : "");
      }
      html.append(")");
    }
    html.append("</dd>\n");
  }

  private static void fact(StringBuilder html, String name, Optional<String> value) {
    value.ifPresent(
        v ->
            html.append("<dt>")
                .append(escape(name))
                .append("</dt><dd>")
                .append(escape(v))
                .append("</dd>\n"));
  }

  private static String count(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "?";
  }

  private static Optional<String> text(OptionalLong value) {
    return value.isPresent() ? Optional.of(Long.toString(value.getAsLong())) : Optional.empty();
  }

  private static Optional<String> millis(OptionalLong value) {
    return value.isPresent() ? Optional.of(Units.millis(value.getAsLong())) : Optional.empty();
  }

  private static Optional<String> bytes(OptionalLong value) {
    return value.isPresent() ? Optional.of(Units.bytes(value.getAsLong())) : Optional.empty();
  }
}
