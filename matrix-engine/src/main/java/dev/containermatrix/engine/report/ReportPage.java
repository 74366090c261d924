package dev.containermatrix.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.engine.html.ReportHtml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The page beside a report file, rendered from the same tree: {@code report.json} gets {@code
 * report.html}, a shard's {@code report-2-of-4.json} gets {@code report-2-of-4.html}. Written to a
 * temp file and moved into place, as the report is.
 */
final class ReportPage {
  private ReportPage() {}

  /** The page of report file {@code report}: its name with {@code .html} for {@code .json}. */
  static Path of(Path report) {
    String name = report.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return report.resolveSibling(base + ".html");
  }

  /**
   * Writes the page of {@code report}, whose tree is {@code tree}; never throws: a failure is
   * returned, naming the page and saying that the report itself was written.
   */
  static Optional<RuntimeException> write(Path report, JsonNode tree) {
    Path page = of(report);
    try {
      String html = ReportHtml.render(tree);
      Path temp = Files.createTempFile(page.getParent(), "." + page.getFileName(), ".tmp");
      try {
        Files.writeString(temp, html);
        Files.move(temp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          new UncheckedIOException(
              "Could not write "
                  + page
                  + ": "
                  + e
                  + "; the results are in "
                  + report
                  + ", which was written. Check that the directory is writable and has space",
              e instanceof IOException io ? io : new IOException(e)));
    }
  }
}
