package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.junit.agent.AgentWork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One variant of a matrix class. At discovery it lists the tests it will run (see {@link
 * InnerDiscovery}), so that the launcher's filters (a method filter, tags, a unique id) reach
 * inside it: its agent runs exactly what they leave, and a variant they leave empty is pruned and
 * never started. Dynamic tests, and the tests of a variant that could not be listed, register as
 * the agent reports them.
 *
 * <p>It is tagged {@code <axis>=<value>} for each of its values, and so is every test under it, so
 * {@code -Dgroups=jdk=25} picks the variants on JDK 25.
 */
final class VariantDescriptor extends AbstractTestDescriptor
    implements Node<MatrixExecutionContext> {
  static final String SEGMENT_TYPE = "variant";

  /** The most bytes of agent arguments a variant starts with; a quarter of Linux's 2 MiB. */
  static final int MAX_AGENT_ARGUMENT_BYTES = 512 * 1024;

  private final VariantPlan plan;
  private final Set<TestTag> tags;
  private final List<String> agentSelectors = new ArrayList<>();
  private int listedLeaves;
  private final Map<TestDescriptor, Integer> listedLeavesUnder = new java.util.IdentityHashMap<>();
  private List<String> toRun = List.of();
  private Map<String, TestDescriptor> listedToRun = Map.of();

  VariantDescriptor(UniqueId parentId, VariantPlan plan) {
    super(parentId.append(SEGMENT_TYPE, plan.variant().id()), plan.variant().displayName());
    this.plan = plan;
    this.tags = VariantTags.of(plan.variant().values());
  }

  VariantPlan plan() {
    return plan;
  }

  /**
   * What the agent inside runs: JUnit selector identifiers such as {@code class:com.x.FooTest}; the
   * unique ids of the listed tests the launcher's filters left, when they removed any.
   */
  List<String> agentSelectors() {
    if (listedLeaves == 0 || leaves(this) == listedLeaves) {
      return List.copyOf(agentSelectors);
    }
    List<String> selectors = new ArrayList<>();
    if (isSuite()) {
      // the suite's own filters and configuration still apply to the unique ids
      selectors.add(agentSelectors.get(0));
    }
    for (TestDescriptor child : getChildren()) {
      cover(child, selectors);
    }
    return selectors;
  }

  /**
   * The unique ids that select what is left under {@code node}: its own where the filters left it
   * whole, else those of its children, so a filter that removes little yields few selectors.
   */
  private void cover(TestDescriptor node, List<String> selectors) {
    if (!(node instanceof MirroredDescriptor mirrored)) {
      return;
    }
    boolean engine = mirrored.getUniqueId().getLastSegment().getType().equals("engine");
    if (!engine && leaves(node) == listedLeavesUnder.getOrDefault(node, -1)) {
      selectors.add("uid:" + mirrored.innerId());
      return;
    }
    for (TestDescriptor child : node.getChildren()) {
      cover(child, selectors);
    }
  }

  /** The leaves under {@code node} now: the tests, and the containers that register theirs. */
  private static int leaves(TestDescriptor node) {
    if (node.getChildren().isEmpty()) {
      return node instanceof MirroredDescriptor ? 1 : 0;
    }
    int leaves = 0;
    for (TestDescriptor child : node.getChildren()) {
      leaves += leaves(child);
    }
    return leaves;
  }

  /** What the agent runs inside, before the launcher's filters; the tests it lists come from it. */
  List<String> selectedInside() {
    return List.copyOf(agentSelectors);
  }

  void selectInside(List<String> selectors) {
    agentSelectors.clear();
    agentSelectors.addAll(selectors);
  }

  /** A suite matrix's variant: its agent runs {@code suite:<class>} on every engine. */
  boolean isSuite() {
    return !agentSelectors.isEmpty() && agentSelectors.get(0).startsWith(AgentWork.SUITE_PREFIX);
  }

  /**
   * Lists under this variant the tests of {@code plan}, the inner engines' plan for {@link
   * #selectedInside()}, as the agent's events will name them: for a class matrix the nodes inside
   * each class, the class being the variant; for a suite each engine that found anything, with
   * everything under it.
   */
  void list(TestPlan plan) {
    for (TestIdentifier engine : plan.getRoots()) {
      if (isSuite()) {
        if (!plan.getChildren(engine).isEmpty()) {
          addChild(mirror(plan, engine, getUniqueId()));
        }
        continue;
      }
      for (TestIdentifier testClass : plan.getChildren(engine)) {
        for (TestIdentifier node : plan.getChildren(testClass)) {
          addChild(mirror(plan, node, getUniqueId()));
        }
      }
    }
    for (TestDescriptor node : getDescendants()) {
      listedLeavesUnder.put(node, leaves(node));
    }
    listedLeaves = leaves(this);
  }

  /**
   * {@code inner} re-rooted under {@code parentId}; a container the inner launcher kept without
   * children (a test factory, a parameterized test) registers its tests as it runs.
   */
  private MirroredDescriptor mirror(TestPlan plan, TestIdentifier inner, UniqueId parentId) {
    UniqueId innerId = UniqueId.parse(inner.getUniqueId());
    UniqueId id = parentId.append(innerId.getLastSegment());
    Set<TestTag> nodeTags = new LinkedHashSet<>(inner.getTags());
    nodeTags.addAll(tags);
    Set<TestIdentifier> children = plan.getChildren(inner);
    MirroredDescriptor mirrored =
        new MirroredDescriptor(
            id,
            inner.getUniqueId(),
            inner.getDisplayName(),
            inner.getSource().orElse(null),
            inner.getType(),
            VariantTestNames.legacy(
                inner.getType(), inner.getLegacyReportingName(), getDisplayName()),
            nodeTags,
            inner.isContainer() && children.isEmpty());
    for (TestIdentifier child : children) {
      mirrored.addChild(mirror(plan, child, id));
    }
    return mirrored;
  }

  /** The listed nodes under this variant, by the id the agent names them with. */
  Map<String, TestDescriptor> listed() {
    Map<String, TestDescriptor> listed = new LinkedHashMap<>();
    for (TestDescriptor d : getDescendants()) {
      if (d instanceof MirroredDescriptor m) {
        listed.put(m.innerId(), m);
      }
    }
    return listed;
  }

  /**
   * Runs the variant with its listed tests detached: they run inside the container and are reported
   * by the agent's relay, so the executor must not run them again as its own children. What the
   * agent runs and the listed nodes are fixed before they are detached.
   */
  @Override
  public void around(MatrixExecutionContext context, Invocation<MatrixExecutionContext> invocation)
      throws Exception {
    toRun = agentSelectors();
    listedToRun = listed();
    List<TestDescriptor> detached = List.copyOf(getChildren());
    detached.forEach(this::removeChild);
    try {
      invocation.invoke(context);
    } finally {
      detached.forEach(this::addChild);
    }
  }

  /**
   * Why what the agent runs cannot go on its command line, if it cannot: Linux bounds a command
   * line (with the environment) to a quarter of the stack limit, 2 MiB by default, and the unique
   * ids that name what the launcher's filters left travel there.
   */
  Optional<String> toRunTooLong() {
    return tooLongForACommandLine(toRun);
  }

  static Optional<String> tooLongForACommandLine(List<String> toRun) {
    long bytes = toRun.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    if (bytes <= MAX_AGENT_ARGUMENT_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        "the launcher's filters left "
            + toRun.size()
            + " separately selected tests or classes, whose unique ids take "
            + bytes / 1024
            + " KiB, more than the "
            + MAX_AGENT_ARGUMENT_BYTES / 1024
            + " KiB the agent's command line may hold; choose fewer, or choose whole classes"
            + " (a filter that keeps or removes a class whole names it once)");
  }

  /** What the agent runs, as {@link #around} fixed it before the variant ran. */
  List<String> toRun() {
    return toRun;
  }

  /** The listed nodes, as {@link #around} fixed them before the variant ran. */
  Map<String, TestDescriptor> listedToRun() {
    return listedToRun;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  /** Only a variant whose tests could not be listed waits for them to register while it runs. */
  @Override
  public boolean mayRegisterTests() {
    return listedLeaves == 0;
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
