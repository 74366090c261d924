package dev.containermatrix.engine.report;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Small finished runs to write reports of. */
final class Runs {
  private Runs() {}

  /**
   * A run on the process backend whose class {@code testClass} ran one passing variant per name,
   * each with the layer {@code sha256:<layer>} of 100 bytes (built by this run when {@code built}).
   */
  static RunReport run(
      String runId,
      Instant startedAt,
      String testClass,
      String layer,
      boolean built,
      String... variantNames) {
    RunReport report =
        new RunReport(
            runId,
            startedAt,
            "process",
            "asked for",
            new HostInfo("Linux 6.1", "amd64", 2, OptionalLong.of(1L << 30)));
    report.add(
        new MatrixSummary(
            testClass, "annotations", "all", variantNames.length, variantNames.length));
    for (String name : variantNames) {
      report.add(
          new VariantReport(
              Integer.toHexString(name.hashCode()),
              testClass,
              name,
              Map.of("tz", name),
              ResourceLimits.none(),
              List.of(
                  new VariantReport.ReportedLayer(
                      "sha256:" + layer, 100, LayerRole.CLASSES, built)),
              VariantStatus.PASSED,
              Optional.empty(),
              new VariantReport.TestCounts(1, 0, 0),
              10,
              Optional.empty(),
              List.of()));
    }
    return report;
  }
}
