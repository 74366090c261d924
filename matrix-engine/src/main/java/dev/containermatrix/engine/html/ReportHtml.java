package dev.containermatrix.engine.html;

import static dev.containermatrix.engine.html.HtmlText.escape;
import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Renders report.html from a report.json tree: a run's, or one merged from several runs or shards.
 * The page is self-contained (inline style and script, nothing fetched), and every text of the
 * report in it is escaped. At the top: the runs, backends, host and the variants' totals per
 * status; then, per class or suite, a heatmap of its variants (see {@link HeatmapLayout}), each
 * cell in its status's hue, shaded by its time against the class's slowest (see {@link CellShade}),
 * with its counts and a bar for its CPU time against the class's busiest; then the variants'
 * details, which a click on a cell, or a link to {@code report.html#cell=<variant id>}, opens.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportHtml {
  /** The CSS class of each status report.json defines. */
  private static final Map<String, String> STATUS_CLASSES =
      Map.of(
          "PASSED", "s-passed",
          "FAILED", "s-failed",
          "FAILED_ALLOWED", "s-allowed",
          "INFRA_ERROR", "s-infra",
          "ABORTED", "s-aborted");

  /** The statuses in the order the summary lists them. */
  private static final List<String> STATUS_ORDER =
      List.of("PASSED", "FAILED", "FAILED_ALLOWED", "INFRA_ERROR", "ABORTED");

  private ReportHtml() {}

  /**
   * The page for {@code report}, a report.json tree. Any report renders: fields of the wrong type
   * are treated as absent.
   *
   * @throws IllegalArgumentException if the tree is not a report.json (not an object, or without a
   *     {@code variants} array and a {@code runId} or {@code runs})
   */
  public static String render(JsonNode report) {
    ReportTree tree = ReportTree.read(report);
    StringBuilder html = new StringBuilder(8192 + tree.variants().size() * 1500);
    String title =
        "ContainerMatrix report" + tree.runIds().stream().findFirst().map(r -> " " + r).orElse("");
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(PageAssets.STYLE)
        .append("</style>\n</head>\n<body>\n");
    summary(html, tree);
    Map<String, List<ReportTree.Variant>> byClass = new TreeMap<>();
    for (ReportTree.Variant variant : tree.variants()) {
      byClass.computeIfAbsent(variant.testClass(), c -> new ArrayList<>()).add(variant);
    }
    int[] panel = {0};
    Optional<String> reportRun =
        tree.runIds().isEmpty()
            ? Optional.empty()
            : Optional.of(tree.runIds().get(tree.runIds().size() - 1));
    byClass.forEach((testClass, variants) -> matrix(html, testClass, variants, reportRun, panel));
    List<String> empty =
        tree.matrices().stream().filter(m -> !byClass.containsKey(m)).distinct().sorted().toList();
    if (!empty.isEmpty()) {
      html.append("<section class=\"matrix\"><div class=\"variants-head\">No variant ran of: ");
      html.append(
          String.join(", ", empty.stream().map(m -> "<code>" + escape(m) + "</code>").toList()));
      html.append("</div></section>\n");
    }
    html.append("<script>\n").append(PageAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void summary(StringBuilder html, ReportTree tree) {
    html.append(
        "<header class=\"summary\">\n<h1>ContainerMatrix report</h1>\n<dl class=\"facts\">\n");
    fact(html, tree.runIds().size() == 1 ? "run" : "runs", String.join(", ", tree.runIds()));
    tree.shard().ifPresent(s -> fact(html, "shard", s));
    if (!tree.mergedFrom().isEmpty()) {
      fact(html, "merged from", String.join(", ", tree.mergedFrom()));
    }
    tree.startedAt().ifPresent(s -> fact(html, "started", s));
    if (!tree.backends().isEmpty()) {
      fact(html, "backend", String.join(", ", tree.backends()));
    }
    tree.host().ifPresent(h -> fact(html, "host", h));
    tree.replayOf().ifPresent(r -> fact(html, "replay of", r));
    tree.archiveNote().ifPresent(n -> fact(html, "archive", n));
    long tests =
        tree.variants().stream()
            .mapToLong(v -> v.passed().orElse(0) + v.failed().orElse(0) + v.skipped().orElse(0))
            .sum();
    fact(
        html,
        "variants",
        tree.variants().size()
            + " in "
            + tree.variants().stream().map(ReportTree.Variant::testClass).distinct().count()
            + " class(es), "
            + tests
            + " test(s)");
    html.append("</dl>\n<div class=\"totals\">");
    Map<String, Integer> totals = new java.util.LinkedHashMap<>();
    STATUS_ORDER.forEach(s -> totals.put(s, 0));
    for (ReportTree.Variant variant : tree.variants()) {
      totals.merge(variant.status(), 1, Integer::sum);
    }
    totals.forEach((status, count) -> badge(html, status, count));
    html.append("</div>\n");
    if (tree.notVariants() > 0) {
      html.append("<p class=\"warning\">")
          .append(tree.notVariants())
          .append(" entr")
          .append(tree.notVariants() == 1 ? "y" : "ies")
          .append(" of variants[] are not variants and are left out.</p>\n");
    }
    html.append("</header>\n");
  }

  /** A status badge with its count, as the summary and each class's head show them. */
  private static void badge(StringBuilder html, String status, int count) {
    html.append("<span class=\"badge ")
        .append(statusClass(status))
        .append("\">")
        .append(escape(status))
        .append(" ")
        .append(count)
        .append("</span>");
  }

  private static void fact(StringBuilder html, String name, String value) {
    html.append("<dt>")
        .append(escape(name))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd>\n");
  }

  private static void matrix(
      StringBuilder html,
      String testClass,
      List<ReportTree.Variant> variants,
      Optional<String> reportRun,
      int[] panel) {
    HeatmapLayout layout = HeatmapLayout.of(variants);
    long slowest = variants.stream().mapToLong(v -> v.durationMillis().orElse(0)).max().orElse(0);
    long busiest = variants.stream().mapToLong(v -> v.cpuMillis().orElse(0)).max().orElse(0);
    html.append("<section class=\"matrix\">\n<div class=\"class-head\"><h2>")
        .append(escape(testClass))
        .append("</h2><span>")
        .append(variants.size())
        .append(" variant(s)");
    Map<String, Integer> statuses = new TreeMap<>(ReportHtml::compareStatuses);
    variants.forEach(v -> statuses.merge(v.status(), 1, Integer::sum));
    statuses.forEach((status, count) -> badge(html.append(' '), status, count));
    html.append("</span></div>\n<div class=\"legend\">");
    html.append(layout.rows().map(r -> "rows: <code>" + escape(r) + "</code>").orElse("no axes"));
    layout
        .columns()
        .ifPresent(c -> html.append(" · columns: <code>").append(escape(c)).append("</code>"));
    html.append(" · each cell: passed/failed/skipped");
    legend(html, slowest, busiest);
    html.append("</div>\n<div class=\"multiples\">\n");
    for (HeatmapLayout.Grid grid : layout.grids()) {
      grid(html, layout, grid, slowest, busiest);
    }
    html.append("</div>\n<div class=\"variants-head\">Variants (click a cell to open one)</div>\n");
    for (ReportTree.Variant variant : variants) {
      VariantPanel.render(html, variant, statusClass(variant.status()), reportRun, panel[0]++);
    }
    html.append("</section>\n");
  }

  /**
   * What the shade and the bar of this class's cells mean: the shade follows time alone, the bar
   * CPU alone.
   */
  private static void legend(StringBuilder html, long slowest, long busiest) {
    if (slowest > 0) {
      html.append("; shade: time against the slowest here (")
          .append(escape(Units.millis(slowest)))
          .append("), lighter is faster: ");
      for (int step = 0; step < CellShade.STEPS; step++) {
        int from = 100 * step / CellShade.STEPS;
        html.append("<span class=\"swatch s-passed shade-")
            .append(step)
            .append("\" title=\"")
            .append(
                step == CellShade.STEPS - 1
                    ? "from " + from + "%"
                    : from + "% to " + (from + 100 / CellShade.STEPS) + "%")
            .append("\"></span>");
      }
    } else {
      html.append("; no times here, so cells are not shaded");
    }
    if (busiest > 0) {
      html.append("; bar: CPU time against the busiest here (")
          .append(escape(Units.millis(busiest)))
          .append(")");
    }
  }

  private static void grid(
      StringBuilder html,
      HeatmapLayout layout,
      HeatmapLayout.Grid grid,
      long slowest,
      long busiest) {
    html.append("<figure class=\"grid\">");
    if (!grid.fixed().isEmpty()) {
      List<String> caption = new ArrayList<>();
      grid.fixed().forEach((axis, value) -> caption.add(axis + "=" + value.orElse("(none)")));
      html.append("<figcaption>")
          .append(escape(String.join(", ", caption)))
          .append("</figcaption>");
    }
    if (grid.asList()) {
      html.append("<ul class=\"list\">");
      grid.cells()
          .forEach(
              (cell, variants) -> {
                html.append("<li>");
                cell(html, variants, slowest, busiest);
                html.append(" ")
                    .append(escape(variants.get(variants.size() - 1).name()))
                    .append("</li>");
              });
      html.append("</ul></figure>\n");
      return;
    }
    html.append("<table class=\"heat\"><tr><th class=\"axis\">");
    html.append(escape(layout.rows().orElse("")));
    layout.columns().ifPresent(c -> html.append(" \\ ").append(escape(c)));
    html.append("</th>");
    for (Optional<String> column : grid.columnValues()) {
      html.append("<th>")
          .append(escape(layout.columns().isPresent() ? column.orElse("(none)") : ""))
          .append("</th>");
    }
    html.append("</tr>\n");
    for (Optional<String> row : grid.rowValues()) {
      html.append("<tr><th>")
          .append(escape(layout.rows().isPresent() ? row.orElse("(none)") : ""))
          .append("</th>");
      for (Optional<String> column : grid.columnValues()) {
        List<ReportTree.Variant> variants = grid.cells().get(new HeatmapLayout.Cell(row, column));
        if (variants == null) {
          html.append("<td class=\"absent\"></td>");
        } else {
          html.append("<td>");
          cell(html, variants, slowest, busiest);
          html.append("</td>");
        }
      }
      html.append("</tr>\n");
    }
    html.append("</table></figure>\n");
  }

  /**
   * A cell: the newest run's entry of the variant (the last one; a merge lists runs oldest first).
   */
  private static void cell(
      StringBuilder html, List<ReportTree.Variant> variants, long slowest, long busiest) {
    ReportTree.Variant shown = variants.get(variants.size() - 1);
    StringBuilder title = new StringBuilder(shown.name()).append(": ").append(shown.status());
    shown.reason().ifPresent(r -> title.append(" (").append(r).append(")"));
    shown.durationMillis().ifPresent(d -> title.append(", ").append(Units.millis(d)));
    shown.cpuMillis().ifPresent(c -> title.append(", CPU ").append(Units.millis(c)));
    if (!shown.flaky().isEmpty()) {
      title.append(", flaky: ").append(shown.flaky().size());
    }
    if (variants.size() > 1) {
      title.append(", ran in ").append(variants.size()).append(" runs");
    }
    html.append("<a class=\"cell ")
        .append(statusClass(shown.status()))
        .append(CellShade.of(shown.durationMillis(), slowest).map(c -> " " + c).orElse(""))
        .append("\" href=\"#cell=")
        .append(escape(HtmlText.percentEncode(shown.id())))
        .append("\" data-variant=\"")
        .append(escape(shown.id()))
        .append("\" data-status=\"")
        .append(escape(shown.status()))
        .append("\" title=\"")
        .append(escape(title.toString()))
        .append("\"><span class=\"counts\">")
        .append(count(shown.passed()))
        .append(" / ")
        .append(count(shown.failed()))
        .append(" / ")
        .append(count(shown.skipped()))
        .append(shown.flaky().isEmpty() ? "" : " ⚑")
        .append("</span><span class=\"bars\">");
    if (busiest > 0) {
      bar(html, "cpu", shown.cpuMillis(), busiest);
    }
    html.append("</span></a>");
  }

  private static void bar(StringBuilder html, String kind, OptionalLong value, long max) {
    long percent =
        max <= 0 || value.isEmpty()
            ? 0
            : Math.max(0, Math.min(100, Math.round(100.0 * value.getAsLong() / max)));
    html.append("<span class=\"bar ")
        .append(kind)
        .append("\"><i style=\"width:")
        .append(percent)
        .append("%\"></i></span>");
  }

  private static String count(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "?";
  }

  /** The order of {@link #STATUS_ORDER}, then any other status by name. */
  private static int compareStatuses(String a, String b) {
    int ia = STATUS_ORDER.indexOf(a);
    int ib = STATUS_ORDER.indexOf(b);
    ia = ia < 0 ? STATUS_ORDER.size() : ia;
    ib = ib < 0 ? STATUS_ORDER.size() : ib;
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  /** The CSS class of a status; {@code s-unknown} for one report.json does not define. */
  static String statusClass(String status) {
    return STATUS_CLASSES.getOrDefault(status, "s-unknown");
  }
}
