package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import dev.containermatrix.junit.engine.fixtures.suite.SuiteFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The host's discovery of what a variant's agent will run: the inner engines' plan where it can be
 * listed, nothing where it cannot (the variant's tests then register as they run).
 */
class InnerDiscoveryTest {
  private final InnerDiscovery inner = InnerDiscovery.onThisHost();

  @Test
  void aClassSelectorListsTheClassWithItsTestsAsTheAgentWillNameThem() {
    TestPlan plan = inner.discover(List.of("class:" + TaggedFixture.class.getName())).orElseThrow();

    TestIdentifier root = plan.getRoots().iterator().next();
    assertThat(plan.getRoots()).hasSize(1);
    assertThat(root.getUniqueId()).isEqualTo("[engine:junit-jupiter]");
    TestIdentifier testClass = plan.getChildren(root).iterator().next();
    assertThat(testClass.getUniqueId())
        .isEqualTo("[engine:junit-jupiter]/[class:" + TaggedFixture.class.getName() + "]");
    assertThat(plan.getChildren(testClass))
        .extracting(TestIdentifier::getDisplayName)
        .containsExactlyInAnyOrder("slowTest()", "quickTest()", "parameterized(int)", "Inner");
  }

  @Test
  void aMethodSelectorListsThatMethodAlone() {
    TestPlan plan =
        inner
            .discover(List.of("method:" + TaggedFixture.class.getName() + "#quickTest()"))
            .orElseThrow();

    TestIdentifier testClass =
        plan.getChildren(plan.getRoots().iterator().next()).iterator().next();
    assertThat(plan.getChildren(testClass))
        .extracting(TestIdentifier::getDisplayName)
        .containsExactly("quickTest()");
  }

  @Test
  void aSuiteListsEveryEngineButOursAndTheSuiteEngine() {
    TestPlan plan = inner.discover(List.of("suite:" + SuiteFixture.class.getName())).orElseThrow();

    assertThat(plan.getRoots())
        .extracting(TestIdentifier::getUniqueId)
        .contains("[engine:junit-jupiter]", "[engine:junit-vintage]")
        .doesNotContain("[engine:container-matrix]", "[engine:junit-platform-suite]");
    assertThat(plan.countTestIdentifiers(TestIdentifier::isTest)).isEqualTo(5);
  }

  @Test
  void oneDiscoveryServesEveryVariantWithTheSameSelectors() {
    List<String> selectors = List.of("class:" + TaggedFixture.class.getName());

    assertThat(inner.discover(selectors).orElseThrow())
        .isSameAs(inner.discover(List.copyOf(selectors)).orElseThrow());
  }

  @Test
  void aSelectorTheAgentCouldNotReadListsNothing() {
    assertThat(inner.discover(List.of("nonsense"))).isEmpty();
  }

  @Test
  void aClassTheHostCannotLoadListsNoTest() {
    Optional<TestPlan> plan = inner.discover(List.of("class:com.example.DoesNotExist"));

    assertThat(plan.map(p -> p.containsTests()).orElse(false)).isFalse();
  }
}
