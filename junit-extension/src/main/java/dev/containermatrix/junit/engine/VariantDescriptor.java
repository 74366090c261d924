package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.plan.VariantPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One variant of a matrix class. It has no children at discovery (nothing is started then); the
 * tests that run inside it are registered dynamically as the container reports them.
 */
final class VariantDescriptor extends AbstractTestDescriptor
    implements Node<MatrixExecutionContext> {
  static final String SEGMENT_TYPE = "variant";

  private final VariantPlan plan;
  private final List<String> agentSelectors = new ArrayList<>();

  VariantDescriptor(UniqueId parentId, VariantPlan plan) {
    super(parentId.append(SEGMENT_TYPE, plan.variant().id()), plan.variant().displayName());
    this.plan = plan;
  }

  VariantPlan plan() {
    return plan;
  }

  /** What the agent inside runs: JUnit selector identifiers such as {@code class:com.x.FooTest}. */
  List<String> agentSelectors() {
    return List.copyOf(agentSelectors);
  }

  void selectInside(List<String> selectors) {
    agentSelectors.clear();
    agentSelectors.addAll(selectors);
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public boolean mayRegisterTests() {
    return true;
  }

  @Override
  public String getLegacyReportingName() {
    return "[" + getDisplayName() + "]";
  }

  @Override
  public SkipResult shouldBeSkipped(MatrixExecutionContext context) {
    return context
        .classState(getParent().orElseThrow().getUniqueId())
        .cancelCause()
        .map(cause -> SkipResult.skip("cancelled because " + cause))
        .orElse(SkipResult.doNotSkip());
  }

  @Override
  public MatrixExecutionContext execute(
      MatrixExecutionContext context, DynamicTestExecutor dynamicTestExecutor) throws Exception {
    new VariantExecution(this, context).run();
    return context;
  }

  @Override
  public void nodeSkipped(
      MatrixExecutionContext context,
      org.junit.platform.engine.TestDescriptor testDescriptor,
      SkipResult result) {
    context.outcome().recordSkipped(this, result.getReason().orElse("skipped"));
  }
}
