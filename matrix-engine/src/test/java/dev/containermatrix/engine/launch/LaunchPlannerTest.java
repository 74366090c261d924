package dev.containermatrix.engine.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.nativeruntime.NativeHost;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.process.ProcessRuntime;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.Layer;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.plan.LayerStacks;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch policy on the real backends' own answers (nothing is started): which layers a variant
 * mounts, what a replay needs, and what is refused before anything runs.
 */
class LaunchPlannerTest {
  private static final LaunchPlanner.Training NO_TRAINING_EXPECTED =
      () -> {
        throw new AssertionError("class data must not be trained for this variant");
      };

  @TempDir Path temp;
  Path jdk;
  Path classes;
  LaunchPlanner planner;
  LaunchPlanner plannerWithClassData;

  @BeforeEach
  void setUp() throws Exception {
    jdk = Files.createDirectories(temp.resolve("jdk-17/bin"));
    classes = Files.createDirectories(temp.resolve("project/target/test-classes"));
    ContainerSpecFactory specs =
        new ContainerSpecFactory(temp, temp.resolve("run"), "com.example.AgentMain");
    planner = new LaunchPlanner(specs, Optional.empty());
    plannerWithClassData = new LaunchPlanner(specs, Optional.of(NO_TRAINING_EXPECTED));
  }

  @Test
  void aBackendWithoutLayersMountsNoneAndRunsThePlannedClasspath() throws Exception {
    VariantPlan plan = plan("host", Optional.empty());

    LaunchPlan launch =
        planner.plan(
            plan,
            stacksNeverAsked(),
            List.of("class:com.example.SomeTest"),
            RunLength.SHORT,
            process(),
            logs());

    assertThat(launch.layers()).isEmpty();
    assertThat(launch.spec().layers()).isEmpty();
    assertThat(launch.spec().command().classpath()).containsExactly(classes);
    assertThat(launch.spec().command().mainClass()).isEqualTo("com.example.AgentMain");
    assertThat(launch.spec().command().arguments()).containsExactly("class:com.example.SomeTest");
    assertThat(launch.classData()).isEmpty();
  }

  @Test
  void aLayeredBackendMountsTheVariantsWholeStackBottomFirst() throws Exception {
    VariantPlan plan = plan("host", Optional.empty());
    List<PlannedLayer> stack = List.of(layer(LayerRole.JDK, "jdk"), layer(LayerRole.CLASSES, "c"));

    LaunchPlan launch =
        planner.plan(plan, p -> stack, List.of(), RunLength.SHORT, nativeBackend(), logs());

    assertThat(launch.layers()).isEqualTo(stack);
    assertThat(launch.spec().layers())
        .extracting(Layer::role)
        .containsExactly(Layer.JDK, Layer.CLASSPATH);
  }

  @Test
  void aReplayOnABackendWithoutLayersIsRefusedNamingTheBackendToUse() {
    VariantPlan replay = plan("host", Optional.of("20261201-120000-abcd"));

    assertThatThrownBy(
            () ->
                planner.plan(
                    replay, stacksNeverAsked(), List.of(), RunLength.SHORT, process(), logs()))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("a replay runs on the archived run's layers")
        .hasMessageContaining("process backend cannot mount")
        .hasMessageContaining("-Dcontainermatrix.backend=native");
  }

  @Test
  void aReplayStartsFromTheJvmOptionsItArchivedAndTrainsNoClassData() throws Exception {
    VariantPlan replay = plan("host", Optional.of("20261201-120000-abcd"));
    List<PlannedLayer> archived = List.of(layer(LayerRole.JDK, "jdk"));

    LaunchPlan launch =
        plannerWithClassData.plan(
            replay, p -> archived, List.of(), RunLength.SHORT, nativeBackend(), logs());

    assertThat(launch.spec().command().jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(launch.layers()).isEqualTo(archived);
    assertThat(launch.classData()).isEmpty();
  }

  @Test
  void aBackendWithoutLayersTrainsNoClassData() throws Exception {
    LaunchPlan launch =
        plannerWithClassData.plan(
            plan("host", Optional.empty()),
            stacksNeverAsked(),
            List.of(),
            RunLength.SHORT,
            process(),
            logs());

    assertThat(launch.classData()).isEmpty();
  }

  @Test
  void aSpecTheBackendCannotHonourIsRefusedWithTheBackendsReason() {
    VariantPlan onImage = plan("oci-layout:images/debian", Optional.empty());

    assertThatThrownBy(
            () ->
                planner.plan(
                    onImage,
                    p -> List.of(layer(LayerRole.JDK, "jdk")),
                    List.of(),
                    RunLength.SHORT,
                    nativeBackend(),
                    logs()))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("needs base image oci-layout:images/debian");
  }

  private VariantPlan plan(String base, Optional<String> replayOf) {
    MatrixDefinition matrix =
        new MatrixDefinition(
            "test matrix",
            base,
            List.of(Axis.Library.of("g:lib", "lib", List.of("a"), new Origin("axis lib"))),
            List.of(),
            List.of(),
            new Strategy(Strategy.Combinations.ALL, false, 0, Strategy.DEFAULT_TIMEOUT));
    VariantDefinition variant = VariantDefinition.of(matrix, Map.of("lib", "a"));
    return new VariantPlan(
        "com.example.SomeTest",
        variant,
        jdk.getParent(),
        17,
        List.of(classes),
        List.of(),
        List.of(),
        Map.of(),
        Map.of("some.property", "x"),
        Optional.empty(),
        base,
        replayOf,
        replayOf.isPresent() ? List.of("-XX:TieredStopAtLevel=1") : List.of());
  }

  private PlannedLayer layer(LayerRole role, String name) {
    return new PlannedLayer(
        role, Digest.parse("sha256:" + "0".repeat(64)), temp.resolve(name), 1, false);
  }

  private static LayerStacks stacksNeverAsked() {
    return plan -> {
      throw new AssertionError("a backend without layers must not read the variant's stack");
    };
  }

  private static ContainerRuntime process() {
    return new ProcessRuntime();
  }

  private static ContainerRuntime nativeBackend() {
    return new NativeRuntime(new NativeHost(false, true, List.of()));
  }

  private Path logs() {
    return temp.resolve("logs");
  }
}
