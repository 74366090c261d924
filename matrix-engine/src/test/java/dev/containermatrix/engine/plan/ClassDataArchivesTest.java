package dev.containermatrix.engine.plan;

import static dev.containermatrix.engine.plan.Plans.file;
import static dev.containermatrix.engine.plan.Plans.jdkHome;
import static dev.containermatrix.engine.plan.Plans.plan;
import static dev.containermatrix.engine.plan.Plans.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchivesTest {
  @TempDir Path temp;
  LayerStore store;
  Path jdk;
  Path shared;
  Path own;
  Path classes;

  @BeforeEach
  void files() throws Exception {
    store = LayerStore.open(temp.resolve("store"));
    jdk = jdkHome(temp.resolve("jdk"), "17.0.9");
    shared = file(temp.resolve("repo/junit.jar"), "junit");
    own = file(temp.resolve("repo/lib-a.jar"), "a");
    classes = temp.resolve("project/target/classes");
    file(classes.resolve("App.class"), "app");
  }

  private ClassDataDecision decide(int feature, List<String> jvmOptions) {
    List<Path> classpath = List.of(classes, shared, own);
    VariantPlan a = plan(variant("a"), jdk, feature, classpath, List.of());
    VariantPlan b = plan(variant("b"), jdk, feature, List.of(classes, shared), List.of());
    List<PlannedLayer> stack = new LayerPlanner(store).plan(List.of(a, b)).get(variant("a").id());
    return ClassDataArchives.decide(a, stack, jvmOptions);
  }

  @Test
  void aJdkBefore13IsSkippedWithTheReason() {
    assertThat(decide(11, List.of()))
        .isEqualTo(
            new ClassDataDecision.Skip(
                "JDK 11 has no dynamic class-data archive (JDK 13 or later has)"));
  }

  @Test
  void variantsThatShareNoJarAreSkippedWithTheReason() throws Exception {
    VariantPlan a = plan(variant("a"), jdk, 17, List.of(classes, own), List.of());
    VariantPlan b = plan(variant("b"), jdk, 17, List.of(classes), List.of());
    List<PlannedLayer> stack = new LayerPlanner(store).plan(List.of(a, b)).get(variant("a").id());

    assertThat(ClassDataArchives.decide(a, stack, List.of()))
        .isEqualTo(
            new ClassDataDecision.Skip(
                "the variants of com.example.SomeTest share no jar, so there is nothing to"
                    + " archive"));
  }

  @Test
  void anArchiveIsTrainedOnTheJdkAndTheSharedJarsOnly() {
    ClassDataDecision.Use use = (ClassDataDecision.Use) decide(17, List.of());

    assertThat(use.kind()).isEqualTo(ClassDataKind.APP_CDS);
    assertThat(use.trainingLayers())
        .extracting(PlannedLayer::role)
        .containsExactly(LayerRole.JDK, LayerRole.SHARED_JARS);
    assertThat(use.trainingClasspath()).containsExactly(shared);
    assertThat(use.pathInside())
        .isEqualTo(ClassDataArchives.DIRECTORY_INSIDE + "/" + use.key() + ".jsa");
  }

  @Test
  void jdk24AndLaterUseAnAotCacheWithoutXshareOptions() {
    ClassDataDecision.Use use =
        (ClassDataDecision.Use) decide(25, List.of("-Xshare:auto", "-Xmx64m"));

    assertThat(use.kind()).isEqualTo(ClassDataKind.AOT_CACHE);
    assertThat(use.jvmOptions()).containsExactly("-Xmx64m");
    assertThat(use.pathInside()).endsWith(".aot");
  }

  @Test
  void theKeyIsTheSameForTheSameInputsAndChangesWithTheJvmOptions() {
    String key = ((ClassDataDecision.Use) decide(17, List.of("-Xmx64m"))).key();

    assertThat(((ClassDataDecision.Use) decide(17, List.of("-Xmx64m"))).key()).isEqualTo(key);
    assertThat(((ClassDataDecision.Use) decide(17, List.of("-Xmx128m"))).key()).isNotEqualTo(key);
  }

  @Test
  void sharedJarsComeFirstThenOtherJarsThenDirectories() {
    assertThat(ClassDataArchives.sharedFirst(List.of(classes, own, shared), List.of(shared)))
        .containsExactly(shared, own, classes);
  }

  @Test
  void aStoredArchiveIsFoundByItsKeyAsAClassDataLayerAtThePathInside() throws Exception {
    ClassDataDecision.Use use = (ClassDataDecision.Use) decide(17, List.of());
    Path archive = file(temp.resolve("trained.jsa"), "archive bytes");
    ClassDataArchives archives = new ClassDataArchives(store);
    assertThat(archives.find(use.key())).isEmpty();

    archives.put(use, archive);

    assertThat(new ClassDataArchives(LayerStore.open(temp.resolve("store"))).find(use.key()))
        .hasValueSatisfying(
            layer -> {
              assertThat(layer.role()).isEqualTo(LayerRole.CLASS_DATA);
              assertThat(layer.directory().resolve(use.pathInside().substring(1)))
                  .hasContent("archive bytes");
            });
  }
}
