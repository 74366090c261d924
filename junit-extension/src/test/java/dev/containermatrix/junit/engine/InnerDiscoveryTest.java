package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;

/**
 * The host's Jupiter discovery of what a variant's agent will run: the class's tree where it can be
 * listed, nothing where it cannot (the variant's tests then register as they run).
 */
class InnerDiscoveryTest {
  private final InnerDiscovery inner = InnerDiscovery.onThisHost();

  @Test
  void aClassSelectorListsTheClassWithItsTestsAsTheAgentWillNameThem() {
    TestDescriptor root =
        inner.discover(List.of("class:" + TaggedFixture.class.getName())).orElseThrow();

    assertThat(root.getUniqueId().toString()).isEqualTo("[engine:junit-jupiter]");
    TestDescriptor testClass = root.getChildren().iterator().next();
    assertThat(testClass.getUniqueId().toString())
        .isEqualTo("[engine:junit-jupiter]/[class:" + TaggedFixture.class.getName() + "]");
    assertThat(testClass.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactlyInAnyOrder("slowTest()", "quickTest()", "parameterized(int)", "Inner");
  }

  @Test
  void aMethodSelectorListsThatMethodAlone() {
    TestDescriptor root =
        inner
            .discover(List.of("method:" + TaggedFixture.class.getName() + "#quickTest()"))
            .orElseThrow();

    assertThat(root.getChildren().iterator().next().getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactly("quickTest()");
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
    Optional<TestDescriptor> root = inner.discover(List.of("class:com.example.DoesNotExist"));

    assertThat(root.map(TestDescriptor::getDescendants).orElse(java.util.Set.of())).isEmpty();
  }
}
