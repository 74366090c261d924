package dev.containermatrix.engine.plan;

import static dev.containermatrix.engine.plan.Plans.file;
import static dev.containermatrix.engine.plan.Plans.inLayer;
import static dev.containermatrix.engine.plan.Plans.jdkHome;
import static dev.containermatrix.engine.plan.Plans.plan;
import static dev.containermatrix.engine.plan.Plans.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlannerTest {
  @TempDir Path temp;
  LayerStore store;
  Path jdk;
  Path shared;
  Path classes;

  @BeforeEach
  void files() throws Exception {
    store = LayerStore.open(temp.resolve("store"));
    jdk = jdkHome(temp.resolve("jdk-17"), "17.0.9");
    shared = file(temp.resolve("repo/junit.jar"), "junit");
    classes = temp.resolve("project/target/classes");
    file(classes.resolve("com/example/App.class"), "app");
  }

  @Test
  void eachStackIsJdkThenSharedJarsThenOwnJarsThenClassesBottomFirst() throws Exception {
    Path libA = file(temp.resolve("repo/lib-a.jar"), "a");

    Map<String, List<PlannedLayer>> stacks =
        new LayerPlanner(store)
            .plan(
                List.of(
                    plan(variant("a"), jdk, 17, List.of(classes, shared, libA), List.of()),
                    plan(variant("b"), jdk, 17, List.of(classes, shared), List.of())));

    assertThat(stacks.get(variant("a").id()))
        .extracting(PlannedLayer::role)
        .containsExactly(
            LayerRole.JDK, LayerRole.SHARED_JARS, LayerRole.VARIANT_JARS, LayerRole.CLASSES);
  }

  @Test
  void variantsShareTheLayerOfTheJarsTheyAllHaveAndEachGetsItsOwnJarsAlone() throws Exception {
    Path libA = file(temp.resolve("repo/lib-a.jar"), "a");
    Path libB = file(temp.resolve("repo/lib-b.jar"), "b");

    Map<String, List<PlannedLayer>> stacks =
        new LayerPlanner(store)
            .plan(
                List.of(
                    plan(variant("a"), jdk, 17, List.of(classes, shared, libA), List.of()),
                    plan(variant("b"), jdk, 17, List.of(classes, shared, libB), List.of())));

    List<PlannedLayer> a = stacks.get(variant("a").id());
    List<PlannedLayer> b = stacks.get(variant("b").id());
    assertThat(a.get(0)).as("the JDK layer").isEqualTo(b.get(0));
    assertThat(a.get(1)).as("the shared jars").isEqualTo(b.get(1));
    assertThat(inLayer(a.get(1), shared)).hasContent("junit");
    assertThat(inLayer(a.get(1), libA)).doesNotExist();
    assertThat(a.get(2).digest()).isNotEqualTo(b.get(2).digest());
    assertThat(inLayer(a.get(2), libA)).hasContent("a");
    assertThat(inLayer(a.get(2), libB)).doesNotExist();
    assertThat(inLayer(b.get(2), libB)).hasContent("b");
    assertThat(inLayer(a.get(3), classes.resolve("com/example/App.class"))).hasContent("app");
  }

  @Test
  void variantsWithTheSameJarsHaveNoVariantJarsLayer() throws Exception {
    Map<String, List<PlannedLayer>> stacks =
        new LayerPlanner(store)
            .plan(
                List.of(
                    plan(variant("a"), jdk, 17, List.of(classes, shared), List.of()),
                    plan(variant("b"), jdk, 17, List.of(classes, shared), List.of())));

    assertThat(stacks.get(variant("b").id()))
        .extracting(PlannedLayer::role)
        .containsExactly(LayerRole.JDK, LayerRole.SHARED_JARS, LayerRole.CLASSES);
  }

  @Test
  void configFilesLandAtTheirTargetsKeepingTheirPermissionsAndAreSharedWhenTheSame()
      throws Exception {
    Path secret = file(temp.resolve("project/secret.properties"), "token=1");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    List<VariantPlan.PlannedFile> files =
        List.of(new VariantPlan.PlannedFile(secret, "/etc/app/secret.properties"));

    Map<String, List<PlannedLayer>> stacks =
        new LayerPlanner(store)
            .plan(
                List.of(
                    plan(variant("a"), jdk, 17, List.of(shared), files),
                    plan(variant("b"), jdk, 17, List.of(shared), files),
                    plan(variant("c"), jdk, 17, List.of(shared), List.of())));

    PlannedLayer config = stacks.get(variant("a").id()).get(2);
    assertThat(config.role()).isEqualTo(LayerRole.CONFIG);
    assertThat(stacks.get(variant("b").id()).get(2)).isEqualTo(config);
    assertThat(stacks.get(variant("c").id()))
        .extracting(PlannedLayer::role)
        .doesNotContain(LayerRole.CONFIG);
    Path target = config.directory().resolve("etc/app/secret.properties");
    assertThat(target).hasContent("token=1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void planningAgainReusesTheStoredLayersInsteadOfBuildingThem() throws Exception {
    List<VariantPlan> variants =
        List.of(plan(variant("a"), jdk, 17, List.of(classes, shared), List.of()));
    List<PlannedLayer> first = new LayerPlanner(store).plan(variants).get(variant("a").id());

    List<PlannedLayer> second =
        new LayerPlanner(LayerStore.open(temp.resolve("store")))
            .plan(variants)
            .get(variant("a").id());

    assertThat(first).allMatch(PlannedLayer::built);
    assertThat(second).noneMatch(PlannedLayer::built);
    assertThat(second)
        .extracting(PlannedLayer::digest)
        .containsExactlyElementsOf(first.stream().map(PlannedLayer::digest).toList());
  }

  @Test
  void theJdkLayerHoldsTheJdkAtItsHostPath() throws Exception {
    List<PlannedLayer> stack =
        new LayerPlanner(store)
            .plan(List.of(plan(variant("a"), jdk, 17, List.of(shared), List.of())))
            .get(variant("a").id());

    assertThat(inLayer(stack.get(0), jdk.toRealPath().resolve("release")))
        .hasContent("JAVA_VERSION=\"17.0.9\"");
  }
}
