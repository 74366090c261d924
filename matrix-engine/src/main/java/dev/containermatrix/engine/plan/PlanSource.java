package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where a run's variant plans come from: the {@link VariantPlanner} plans today's matrix on this
 * host; a replay source brings back an archived run's variants as they ran then. The JUnit side
 * asks one of them and never branches on which it is.
 */
@API(status = INTERNAL, since = "0.1")
public interface PlanSource {

  /**
   * The variants of {@code testClass} this source can run, before the run's variant filter.
   *
   * @param matrix the class's matrix as declared today
   * @param expanded that matrix's variants
   */
  List<VariantDefinition> variants(
      String testClass, MatrixDefinition matrix, List<VariantDefinition> expanded);

  /** One of {@link #variants}, made concrete. */
  VariantPlan plan(String testClass, VariantDefinition variant);

  /**
   * The layer stacks of one class's variants, whole (base image layers included), bottom first.
   *
   * @param plans the class's plans, all from this source
   * @param store where the layers are kept
   * @param bases the layers of a base image, read on first use
   */
  LayerStacks stacks(List<VariantPlan> plans, LayerStore store, BaseLayers bases);
}
