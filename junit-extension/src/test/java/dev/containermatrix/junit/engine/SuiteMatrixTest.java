package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertClassFailedAndNothingStarted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.junit.engine.fixtures.suite.EmptySuiteFixture;
import dev.containermatrix.junit.engine.fixtures.suite.MissingPackageSuiteFixture;
import dev.containermatrix.junit.engine.fixtures.suite.SuiteFixture;
import dev.containermatrix.junit.engine.fixtures.suite.YamlSuiteFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * A class with {@code @ContainerMatrix} and suite-api selectors runs its whole selection in each
 * variant, on every engine there (Jupiter and Vintage here), with the suite's filters and
 * configuration parameters; its tests are listed before anything runs, so the launcher's filters
 * reach inside. The process backend runs the variants.
 */
class SuiteMatrixTest {
  private static final String MEMBERS = "dev.containermatrix.junit.engine.fixtures.suite.members.";

  @TempDir Path reports;

  @Test
  void eachVariantListsTheSuitesTestsOfEveryEngineBeforeAnythingRuns() {
    TestDescriptor suite = discover(SuiteFixture.class);

    assertThat(suite.getUniqueId().getLastSegment().getType()).isEqualTo("suite");
    assertThat(suite.getChildren()).hasSize(2);
    TestDescriptor variant = suite.getChildren().iterator().next();
    assertThat(variant.getChildren())
        .extracting(d -> d.getUniqueId().getLastSegment().getValue())
        .containsExactlyInAnyOrder("junit-jupiter", "junit-vintage");
    assertThat(testsUnder(variant))
        .containsExactlyInAnyOrder(
            "AlphaCheck#adds",
            "AlphaCheck#addsSlowly",
            "ConfiguredCheck#seesTheSuitesConfigurationParameter",
            "LegacyCheck#concatenates",
            "LegacyCheck#readsItsVariant");
    assertThat(variant.getTags()).contains(TestTag.create("mode=one"));
  }

  @Test
  void everyVariantRunsTheWholeSelectionWithTheSuitesConfigurationParameter() throws Exception {
    EngineExecutionResults results = run(selectClass(SuiteFixture.class));

    results.testEvents().assertStatistics(s -> s.started(10).succeeded(10).failed(0));
    assertThat(startedTests(results))
        .filteredOn(t -> t.contains("NestedMatrixCheck"))
        .as("a matrix class the selectors find is never nested in a suite's variant")
        .isEmpty();
    for (JsonNode variant : variantsInReport()) {
      assertThat(variant.get("status").asText()).isEqualTo("PASSED");
      assertThat(variant.get("tests").get("passed").asInt()).isEqualTo(5);
      List<String> classes = new ArrayList<>();
      variant
          .get("classes")
          .forEach(
              c ->
                  classes.add(
                      c.get("name").asText().substring(MEMBERS.length())
                          + " "
                          + c.get("passed").asInt()
                          + "/"
                          + c.get("failed").asInt()
                          + "/"
                          + c.get("skipped").asInt()));
      assertThat(classes)
          .containsExactlyInAnyOrder(
              "AlphaCheck 2/0/0", "ConfiguredCheck 1/0/0", "LegacyCheck 2/0/0");
    }
  }

  @Test
  void aTestsReportedUniqueIdNamesItsInnerEngineUnderTheVariant() {
    EngineExecutionResults results = run(selectClass(SuiteFixture.class));

    Event legacy =
        results.testEvents().started().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().equals("concatenates"))
            .findFirst()
            .orElseThrow();
    List<UniqueId.Segment> segments = legacy.getTestDescriptor().getUniqueId().getSegments();
    assertThat(segments)
        .extracting(UniqueId.Segment::getType)
        .startsWith("engine", "suite", "variant", "engine");
    assertThat(segments.get(3).getValue()).isEqualTo("junit-vintage");
  }

  @Test
  void aMethodFilterRunsThatMethodInEveryVariantAndNothingElse() {
    PostDiscoveryFilter surefire =
        d ->
            FilterResult.includedIf(
                d.getSource()
                    .filter(MethodSource.class::isInstance)
                    .map(MethodSource.class::cast)
                    .map(m -> m.getMethodName().equals("concatenates"))
                    .orElse(true));

    EngineExecutionResults results =
        EngineRuns.engine(reports, "process")
            .selectors(selectClass(SuiteFixture.class))
            .filters(surefire)
            .execute();

    assertThat(startedTests(results))
        .containsExactly(
            MEMBERS + "LegacyCheck#concatenates", MEMBERS + "LegacyCheck#concatenates");
  }

  @Test
  void aTagReachesInsideTheSuite() {
    EngineExecutionResults results =
        EngineRuns.engine(reports, "process")
            .selectors(selectClass(SuiteFixture.class))
            .filters(TagFilter.includeTags("slow & mode=two"))
            .execute();

    assertThat(startedTests(results)).containsExactly(MEMBERS + "AlphaCheck#addsSlowly");
  }

  @Test
  void theUniqueIdOfOneTestInOneVariantRunsThatTestAlone() {
    TestDescriptor variant = discover(SuiteFixture.class).getChildren().iterator().next();
    TestDescriptor test =
        variant.getDescendants().stream()
            .filter(d -> d.getDisplayName().equals("readsItsVariant"))
            .findFirst()
            .orElseThrow();

    EngineExecutionResults results = run(selectUniqueId(test.getUniqueId()));

    assertThat(startedTests(results)).containsExactly(MEMBERS + "LegacyCheck#readsItsVariant");
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void aSuiteMatrixReadsItsAxesFromAYamlFile() throws Exception {
    EngineExecutionResults results = run(selectClass(YamlSuiteFixture.class));

    results.testEvents().assertStatistics(s -> s.started(8).succeeded(8));
    assertThat(variantsInReport())
        .extracting(v -> v.get("name").asText())
        .containsExactlyInAnyOrder("mode=yaml-one", "mode=yaml-two");
  }

  @Test
  void aSuiteThatSelectsNoTestFailsItsVariantSayingSo() {
    EngineExecutionResults results = run(selectClass(EmptySuiteFixture.class));

    results
        .containerEvents()
        .assertThatEvents()
        .anySatisfy(
            e ->
                assertThat(e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                    .hasValueSatisfying(
                        r ->
                            assertThat(r.getThrowable())
                                .hasValueSatisfying(
                                    t ->
                                        assertThat(t)
                                            .hasMessageContaining(
                                                "suite "
                                                    + EmptySuiteFixture.class.getName()
                                                    + " selected no tests in variant jdk=17")
                                            .hasMessageContaining("@SelectPackages("))));
    results.containerEvents().assertStatistics(s -> s.failed(1));
  }

  @Test
  void aSelectorNamingAMissingPackageFailsDiscoveryNamingTheAnnotation() {
    EngineExecutionResults results = run(selectClass(MissingPackageSuiteFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        MissingPackageSuiteFixture.class,
        message(
            m ->
                m.startsWith("@SelectPackages(\"dev.containermatrix.no.such.pkg\") on ")
                    && m.contains("not on the test classpath")));
  }

  private EngineExecutionResults run(org.junit.platform.engine.DiscoverySelector selector) {
    return EngineRuns.engine(reports, "process").selectors(selector).execute();
  }

  private TestDescriptor discover(Class<?> suite) {
    return new ContainerMatrixTestEngine()
        .discover(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .configurationParameter("containermatrix.report.dir", reports.toString())
                .build(),
            UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID))
        .getChildren()
        .iterator()
        .next();
  }

  private static List<String> testsUnder(TestDescriptor node) {
    return node.getDescendants().stream()
        .filter(TestDescriptor::isTest)
        .map(SuiteMatrixTest::name)
        .map(n -> n.substring(MEMBERS.length()))
        .toList();
  }

  private static String name(TestDescriptor d) {
    return d.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getClassName() + "#" + m.getMethodName())
        .orElse(d.getDisplayName());
  }

  private static List<String> startedTests(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(SuiteMatrixTest::name)
        .sorted()
        .toList();
  }

  private List<JsonNode> variantsInReport() throws Exception {
    List<JsonNode> variants = new ArrayList<>();
    EngineRuns.report(reports).get("variants").forEach(variants::add);
    return variants;
  }
}
