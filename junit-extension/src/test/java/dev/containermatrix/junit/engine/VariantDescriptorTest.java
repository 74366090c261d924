package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.containermatrix.junit.engine.fixtures.TaggedFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * What a variant's agent is told to run once the launcher's filters have removed some of its listed
 * tests: the whole class when nothing was removed, else as few unique ids as cover what is left.
 */
class VariantDescriptorTest {
  private static final String JUPITER_CLASS =
      "[engine:junit-jupiter]/[class:" + TaggedFixture.class.getName() + "]";

  @TempDir Path reports;

  @Test
  void aVariantNoFilterTouchedRunsItsWholeClass() {
    VariantDescriptor variant = firstVariant();

    assertThat(variant.agentSelectors()).containsExactly("class:" + TaggedFixture.class.getName());
  }

  @Test
  void aRemovedTestLeavesTheOthersAndAWholeNestedClassAsOneIdEach() {
    VariantDescriptor variant = firstVariant();
    remove(variant, "slowTest()");

    assertThat(variant.agentSelectors())
        .containsExactlyInAnyOrder(
            "uid:" + JUPITER_CLASS + "/[method:quickTest()]",
            "uid:" + JUPITER_CLASS + "/[test-template:parameterized(int)]",
            "uid:" + JUPITER_CLASS + "/[nested-class:Inner]");
  }

  @Test
  void aNestedClassWithATestRemovedIsSelectedByTheTestsLeftInIt() {
    VariantDescriptor variant = firstVariant();
    remove(child(variant, "Inner"), "innerTest()");

    assertThat(variant.agentSelectors())
        .containsExactlyInAnyOrder(
            "uid:" + JUPITER_CLASS + "/[method:slowTest()]",
            "uid:" + JUPITER_CLASS + "/[method:quickTest()]",
            "uid:" + JUPITER_CLASS + "/[test-template:parameterized(int)]",
            "uid:" + JUPITER_CLASS + "/[nested-class:Inner]/[method:innerSecondTest()]");
  }

  private VariantDescriptor firstVariant() {
    TestDescriptor engine =
        new ContainerMatrixTestEngine()
            .discover(
                LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(TaggedFixture.class))
                    .configurationParameter("containermatrix.report.dir", reports.toString())
                    .build(),
                UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID));
    TestDescriptor matrixClass = engine.getChildren().iterator().next();
    return (VariantDescriptor) matrixClass.getChildren().iterator().next();
  }

  private static void remove(TestDescriptor parent, String displayName) {
    child(parent, displayName).removeFromHierarchy();
  }

  private static TestDescriptor child(TestDescriptor parent, String displayName) {
    List<? extends TestDescriptor> matching =
        parent.getChildren().stream().filter(c -> c.getDisplayName().equals(displayName)).toList();
    assertThat(matching).as("children of %s named %s", parent, displayName).hasSize(1);
    return matching.get(0);
  }

  @Test
  void uniqueIdsBeyondWhatACommandLineHoldsAreRefusedSayingWhatToDo() {
    String uid =
        "uid:[engine:junit-jupiter]/[class:com.example.SomeLongishTestClassName]/[method:m";
    java.util.List<String> few = java.util.List.of(uid + "1()]", uid + "2()]");
    java.util.List<String> many =
        java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> uid + i + "()]").toList();

    assertThat(VariantDescriptor.tooLongForACommandLine(few)).isEmpty();
    assertThat(VariantDescriptor.tooLongForACommandLine(many))
        .hasValueSatisfying(
            m -> assertThat(m).contains("10000 separately selected").contains("choose fewer"));
  }
}
