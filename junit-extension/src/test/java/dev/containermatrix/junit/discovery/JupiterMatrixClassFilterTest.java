package dev.containermatrix.junit.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.containermatrix.junit.engine.fixtures.NestedAndDynamicFixture;
import dev.containermatrix.junit.engine.fixtures.TwoZonesFixture;
import dev.containermatrix.junit.engine.fixtures.suite.SuiteFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** The host's Jupiter engine, with the filter registered by ServiceLoader as in any real run. */
class JupiterMatrixClassFilterTest {

  @Test
  void theHostJupiterEngineNeitherRunsNorListsMatrixClasses() {
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                selectClass(TwoZonesFixture.class),
                selectClass(NestedAndDynamicFixture.class),
                selectClass(PlainJupiterTest.class))
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .build();
    var launcher = LauncherFactory.create();

    TestPlan plan = launcher.discover(request);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);

    assertThat(
            plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getDisplayName))
        .containsExactlyInAnyOrder("JupiterMatrixClassFilterTest$PlainJupiterTest", "runs()");
    assertThat(summary.getSummary().getTestsFoundCount()).isEqualTo(1);
    assertThat(summary.getSummary().getTestsSkippedCount()).isZero();
    assertThat(summary.getSummary().getContainersSkippedCount()).isZero();
  }

  @Test
  void theHostSuiteEngineDoesNotRunASuiteMatrixThatIsAlsoASuite() {
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(SuiteFixture.class))
            .filters(EngineFilter.includeEngines("junit-platform-suite"))
            .build();
    var launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();

    launcher.execute(request, summary);

    assertThat(summary.getSummary().getTestsFoundCount()).isZero();
    assertThat(summary.getSummary().getFailures()).isEmpty();
  }

  @Test
  void thePackageScanOfTheMatrixEngineFindsMatrixClassesOnly() {
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectPackage("dev.containermatrix.junit.engine.fixtures"))
            .filters(EngineFilter.includeEngines("container-matrix"))
            .configurationParameter("containermatrix.variants", "mode=only")
            .build();

    TestPlan plan = LauncherFactory.create().discover(request);

    assertThat(
            plan.getRoots().stream()
                .flatMap(root -> plan.getChildren(root).stream())
                .map(TestIdentifier::getDisplayName))
        .contains(
            "dev.containermatrix.junit.engine.fixtures.NestedAndDynamicFixture",
            "dev.containermatrix.junit.engine.fixtures.BadMemoryFixture")
        .doesNotContain("dev.containermatrix.junit.engine.fixtures.TwoZonesFixture");
  }

  static class PlainJupiterTest {
    @Test
    void runs() {}
  }
}
