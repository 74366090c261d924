package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.report.VariantReport;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A variant that ran, as the archive needs it: its plan, the spec it was launched with, its whole
 * layer stack (base layers included) and its report entry.
 */
@API(status = INTERNAL, since = "0.1")
public record ArchiveCandidate(
    VariantPlan plan, ContainerSpec spec, List<PlannedLayer> layers, VariantReport report) {
  public ArchiveCandidate {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(spec, "spec");
    layers = List.copyOf(layers);
    Objects.requireNonNull(report, "report");
  }
}
