package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The launcher's filters reach inside variants: each variant lists its tests at discovery, a filter
 * removes what it does not want, and the agent runs exactly what is left. A variant left without
 * tests is never started. The filters here are the kinds Surefire, Gradle and tag expressions
 * install; the process backend runs the variants.
 */
class FiltersInsideVariantsTest {
  private static final String FIXTURE = TaggedFixture.class.getName();

  @TempDir Path reports;

  @Test
  void surefiresMethodFilterRunsThatMethodInEveryVariantAndNothingElse() throws Exception {
    EngineExecutionResults results =
        run(surefireMethodFilter((c, m) -> c.equals(FIXTURE) && m.equals("slowTest")));

    assertThat(startedTests(results)).containsExactly("slowTest()", "slowTest()");
    assertThat(variantsInReport()).allSatisfy(v -> assertThat(passed(v)).isEqualTo(1));
    assertThat(variantsInReport()).hasSize(2);
  }

  @Test
  void aTagOnATestReachesInsideEveryVariant() throws Exception {
    EngineExecutionResults results = run(TagFilter.includeTags("slow"));

    assertThat(startedTests(results)).containsExactly("slowTest()", "slowTest()");
  }

  @Test
  void anExcludedTagRunsEverythingElse() throws Exception {
    EngineExecutionResults results = run(TagFilter.excludeTags("slow"));

    // quickTest, two invocations of parameterized and the two nested tests, in each variant
    assertThat(startedTests(results)).hasSize(10).doesNotContain("slowTest()");
  }

  @Test
  void aVariantsValueIsATagThatPicksItAndTheOtherVariantIsNeverStarted() throws Exception {
    EngineExecutionResults results = run(TagFilter.includeTags("mode=fast"));

    assertThat(startedTests(results)).hasSize(6);
    assertThat(startedVariants(results)).containsExactly("mode=fast");
    assertThat(variantsInReport())
        .singleElement()
        .satisfies(v -> assertThat(v.get("name").asText()).isEqualTo("mode=fast"));
  }

  @Test
  void aVariantsTagsReplaceTheCharactersJUnitForbidsInATag() {
    TestDescriptor matrixClass = discoverTaggedFixture();

    assertThat(matrixClass.getChildren())
        .flatExtracting(TestDescriptor::getTags)
        .containsExactlyInAnyOrder(
            TestTag.create("mode=fast"), TestTag.create("mode=thorough_lane"));
    TestDescriptor slow =
        matrixClass.getChildren().iterator().next().getChildren().stream()
            .filter(t -> t.getDisplayName().equals("slowTest()"))
            .findFirst()
            .orElseThrow();
    assertThat(slow.getTags()).contains(TestTag.create("slow"));
  }

  @Test
  void aGradleTestsFilterOnClassAndMethodKeepsThatMethodInEveryVariant() {
    EngineExecutionResults results =
        run(gradleClassMethodFilter((c, m) -> c.equals(FIXTURE) && "quickTest".equals(m)));

    assertThat(startedTests(results)).containsExactly("quickTest()", "quickTest()");
  }

  @Test
  void aFilterThatLeavesNoTestStartsNoVariant() {
    EngineExecutionResults results = run(surefireMethodFilter((c, m) -> m.equals("noSuchTest")));

    assertThat(startedTests(results)).isEmpty();
    assertThat(startedVariants(results)).isEmpty();
  }

  @Test
  void theUniqueIdOfOneTestInOneVariantRunsThatTestAlone() {
    TestDescriptor variant = discoverTaggedFixture().getChildren().iterator().next();
    TestDescriptor inner =
        variant.getChildren().stream()
            .filter(t -> t.getDisplayName().equals("Inner"))
            .findFirst()
            .orElseThrow()
            .getChildren()
            .stream()
            .filter(t -> t.getDisplayName().equals("innerTest()"))
            .findFirst()
            .orElseThrow();

    EngineExecutionResults results =
        EngineRuns.engine(reports, "process")
            .selectors(selectUniqueId(inner.getUniqueId()))
            .execute();

    assertThat(startedTests(results)).containsExactly("innerTest()");
    assertThat(startedVariants(results)).containsExactly(variant.getDisplayName());
  }

  /** The class node of {@link TaggedFixture}, discovered alone: nothing runs. */
  private TestDescriptor discoverTaggedFixture() {
    return new ContainerMatrixTestEngine()
        .discover(
            org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TaggedFixture.class))
                .configurationParameter("containermatrix.report.dir", reports.toString())
                .build(),
            org.junit.platform.engine.UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID))
        .getChildren()
        .iterator()
        .next();
  }

  private EngineExecutionResults run(Filter<?> filter) {
    return EngineRuns.engine(reports, "process")
        .selectors(selectClass(TaggedFixture.class))
        .filters(filter)
        .execute();
  }

  /**
   * What Surefire's {@code -Dtest=Class#method} installs: a node with a method source runs if its
   * class and method match; every other node is kept.
   */
  private static PostDiscoveryFilter surefireMethodFilter(BiPredicate<String, String> matches) {
    return d ->
        FilterResult.includedIf(
            d.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(m -> matches.test(m.getClassName(), m.getMethodName()))
                .orElse(true));
  }

  /**
   * What Gradle's {@code --tests Class.method} installs: a node with a method source runs if its
   * class and method match; a node with a class source if one of its children runs or, without
   * children, if its class matches; a node without a source as its parent would, where the parent
   * is judged by its own source and not by its children.
   */
  private static PostDiscoveryFilter gradleClassMethodFilter(BiPredicate<String, String> matches) {
    return d -> FilterResult.includedIf(gradleRuns(d, false, matches));
  }

  private static boolean gradleRuns(
      TestDescriptor d, boolean asParent, BiPredicate<String, String> matches) {
    Optional<TestSource> source = d.getSource();
    if (source.isEmpty()) {
      return d.getParent().map(p -> gradleRuns(p, true, matches)).orElse(true);
    }
    if (source.get() instanceof MethodSource m) {
      return matches.test(m.getClassName(), m.getMethodName());
    }
    if (source.get() instanceof ClassSource c) {
      if (!asParent && d.getChildren().stream().anyMatch(ch -> gradleRuns(ch, false, matches))) {
        return true;
      }
      return d.getChildren().isEmpty() && matches.test(c.getClassName(), null);
    }
    return true;
  }

  private static List<String> startedTests(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(TestDescriptor::getDisplayName)
        .map(name -> name.startsWith("[") ? "parameterized" : name)
        .sorted()
        .toList();
  }

  private static List<String> startedVariants(EngineExecutionResults results) {
    return results.containerEvents().started().stream()
        .map(Event::getTestDescriptor)
        .filter(VariantDescriptor.class::isInstance)
        .map(TestDescriptor::getDisplayName)
        .toList();
  }

  private List<JsonNode> variantsInReport() throws Exception {
    List<JsonNode> variants = new java.util.ArrayList<>();
    EngineRuns.report(reports).get("variants").forEach(variants::add);
    return variants;
  }

  private static int passed(JsonNode variant) {
    return variant.get("tests").get("passed").asInt();
  }
}
