package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.report.MatrixSummary;
import dev.containermatrix.junit.agent.AgentWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A {@code @ContainerMatrix} class. Its children are its variants. If its matrix is wrong it has no
 * children and fails with the matrix error when executed, so nothing of it runs.
 *
 * <p>Its display name is the class's fully qualified name, not its simple name as Jupiter's: a
 * variant's node has no source, and Surefire names the testcase of a node without one (a variant
 * that failed as a whole) by its parent's display name, so {@code demo.ResourceTest} and not {@code
 * ResourceTest}, like the testcases of the methods inside.
 */
final class MatrixClassDescriptor extends AbstractTestDescriptor
    implements Node<MatrixExecutionContext> {
  static final String SEGMENT_TYPE = "class";

  /** The segment of a suite matrix: {@code [suite:<class>]}. */
  static final String SUITE_SEGMENT_TYPE = "suite";

  private final Class<?> testClass;
  private @Nullable RuntimeException matrixError;
  private List<VariantDefinition> matrixVariants = List.of();
  private int matchingVariants;
  private final @Nullable MatrixSummary summary;
  private final int maxParallel;
  private final boolean failFast;
  private boolean wholeClass;
  private final Set<String> classWideSelectors = new LinkedHashSet<>();
  private final Map<String, Set<String>> variantSelectors = new LinkedHashMap<>();
  private final Set<String> wholeVariants = new LinkedHashSet<>();

  private MatrixClassDescriptor(
      UniqueId id,
      Class<?> testClass,
      @Nullable RuntimeException matrixError,
      @Nullable MatrixSummary summary,
      int maxParallel,
      boolean failFast) {
    super(id, testClass.getName(), ClassSource.from(testClass));
    this.testClass = testClass;
    this.matrixError = matrixError;
    this.summary = summary;
    this.maxParallel = maxParallel;
    this.failFast = failFast;
  }

  static MatrixClassDescriptor valid(
      UniqueId id, Class<?> testClass, MatrixSummary summary, int maxParallel, boolean failFast) {
    return new MatrixClassDescriptor(id, testClass, null, summary, maxParallel, failFast);
  }

  static MatrixClassDescriptor invalid(
      UniqueId id, Class<?> testClass, RuntimeException matrixError) {
    return new MatrixClassDescriptor(id, testClass, matrixError, null, 0, false);
  }

  Class<?> testClass() {
    return testClass;
  }

  /** A suite matrix: its variants run its suite-api selection on every engine. */
  boolean isSuite() {
    return getUniqueId().getLastSegment().getType().equals(SUITE_SEGMENT_TYPE);
  }

  Optional<RuntimeException> matrixError() {
    return Optional.ofNullable(matrixError);
  }

  /**
   * Records the matrix's variants before the {@code containermatrix.variants} filter, and how many
   * of them it kept.
   */
  void filtered(List<VariantDefinition> variants, int matching) {
    this.matrixVariants = List.copyOf(variants);
    this.matchingVariants = matching;
  }

  /** Every variant of the matrix, whatever the filter kept. */
  List<VariantDefinition> matrixVariants() {
    return matrixVariants;
  }

  /** How many variants the {@code containermatrix.variants} filter kept. */
  int matchingVariants() {
    return matchingVariants;
  }

  /** Makes the class fail with {@code error} when executed, running none of its variants. */
  void failWith(RuntimeException error) {
    matrixError = error;
    new ArrayList<>(getChildren()).forEach(this::removeChild);
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public String getLegacyReportingName() {
    return testClass.getName();
  }

  /**
   * A class whose matrix is wrong stays in the tree, so that its failure is reported instead of
   * pruned.
   */
  @Override
  public boolean mayRegisterTests() {
    return matrixError != null;
  }

  void selectWholeClass() {
    wholeClass = true;
  }

  /** Runs {@code selector} (a JUnit selector identifier) inside every variant. */
  void selectInEveryVariant(String selector) {
    classWideSelectors.add(selector);
  }

  void selectWholeVariant(String variantId) {
    wholeVariants.add(variantId);
  }

  void selectInVariant(String variantId, String selector) {
    variantSelectors.computeIfAbsent(variantId, k -> new LinkedHashSet<>()).add(selector);
  }

  Optional<VariantDescriptor> variant(String variantId) {
    return getChildren().stream()
        .map(VariantDescriptor.class::cast)
        .filter(v -> v.plan().variant().id().equals(variantId))
        .findFirst();
  }

  /**
   * Ends discovery: keeps only the variants something selected and tells each what to run inside.
   */
  void keepSelectedVariants() {
    String classSelector = (isSuite() ? AgentWork.SUITE_PREFIX : "class:") + testClass.getName();
    for (TestDescriptor child : new ArrayList<>(getChildren())) {
      VariantDescriptor variant = (VariantDescriptor) child;
      String id = variant.plan().variant().id();
      Set<String> selectors = new LinkedHashSet<>(classWideSelectors);
      selectors.addAll(variantSelectors.getOrDefault(id, Set.of()));
      if (wholeClass || wholeVariants.contains(id)) {
        variant.selectInside(List.of(classSelector));
      } else if (!selectors.isEmpty()) {
        if (isSuite()) {
          selectors = new LinkedHashSet<>(List.of(classSelector));
          selectors.addAll(variantSelectors.getOrDefault(id, Set.of()));
        }
        variant.selectInside(List.copyOf(selectors));
      } else {
        removeChild(variant);
      }
    }
  }

  /** Lists under each variant the tests it will run (see {@link InnerDiscovery}). */
  void listTests(InnerDiscovery inner) {
    for (TestDescriptor child : getChildren()) {
      VariantDescriptor variant = (VariantDescriptor) child;
      inner.discover(variant.selectedInside()).ifPresent(variant::list);
    }
  }

  @Override
  public MatrixExecutionContext prepare(MatrixExecutionContext context) {
    if (summary != null) {
      context.outcome().report().add(summary.withVariantsRun(getChildren().size()));
    }
    ClassRunState state = new ClassRunState(maxParallel, failFast);
    context.register(getUniqueId(), state);
    if (matrixError == null && !getChildren().isEmpty() && context.services().needsLayers()) {
      List<VariantPlan> plans =
          getChildren().stream().map(c -> ((VariantDescriptor) c).plan()).toList();
      state.stacks(context.services().stacks(plans));
    }
    return context;
  }

  @Override
  public MatrixExecutionContext execute(
      MatrixExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
    if (matrixError != null) {
      throw matrixError;
    }
    return context;
  }
}
