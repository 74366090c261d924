package dev.containermatrix.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.resolve.ClasspathComposer;
import dev.containermatrix.engine.resolve.JdkLocator;
import dev.containermatrix.engine.resolve.LibraryResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantPlannerTest {
  @TempDir Path temp;

  private VariantPlanner planner(List<Path> hostClasspath) {
    return new VariantPlanner(
        hostClasspath,
        temp.resolve("project"),
        getClass().getClassLoader(),
        new ClasspathComposer(LibraryResolver.forProject(temp.resolve("project"))),
        new JdkLocator(temp, Map.of(), Path.of(System.getProperty("java.home")), List.of()),
        temp.resolve("scratch"));
  }

  private static VariantDefinition withConfigFile(String mapping) {
    Origin origin = new Origin("axis conf");
    ConfigProfile profile =
        new ConfigProfile(
            "p", Map.of("MODE", "x"), Map.of(), List.of(ConfigFile.parse(mapping, origin)), origin);
    MatrixDefinition matrix =
        new MatrixDefinition(
            "test matrix",
            "host",
            List.of(new Axis.Config("conf", List.of(profile), origin)),
            List.of(),
            List.of(),
            new Strategy(Strategy.Combinations.ALL, false, 0, Strategy.DEFAULT_TIMEOUT));
    return VariantDefinition.of(matrix, Map.of("conf", "p"));
  }

  @Test
  void aVariantWithoutJdkOrLibraryAxisRunsOnTheRunningJdkWithTheHostClasspath() throws Exception {
    Path classes = temp.resolve("project/target/classes");
    Plans.file(temp.resolve("project/app.properties"), "a=1");
    VariantPlan plan =
        planner(List.of(classes))
            .plan("com.example.SomeTest", withConfigFile("app.properties -> /etc/app.properties"));

    assertThat(plan.jdkHome()).isEqualTo(Path.of(System.getProperty("java.home")).toRealPath());
    assertThat(plan.jdkFeature()).isEqualTo(Runtime.version().feature());
    assertThat(plan.classpath()).containsExactly(classes);
    assertThat(plan.testClass()).isEqualTo("com.example.SomeTest");
  }

  @Test
  void aConfigFileIsTakenFromTheProjectDirectoryWhenItIsNoResource() throws Exception {
    Path source = Plans.file(temp.resolve("project/conf/app.properties"), "a=1");

    VariantPlan plan =
        planner(List.of())
            .plan(
                "com.example.SomeTest",
                withConfigFile("conf/app.properties -> /etc/app.properties"));

    assertThat(plan.files())
        .containsExactly(new VariantPlan.PlannedFile(source, "/etc/app.properties"));
    assertThat(plan.env()).containsEntry("MODE", "x");
  }

  @Test
  void aConfigFileThatIsNeitherResourceNorFileSaysWhereToPutIt() {
    assertThatThrownBy(
            () ->
                planner(List.of())
                    .plan(
                        "com.example.SomeTest", withConfigFile("conf/absent.properties -> /etc/a")))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "axis conf: config file source 'conf/absent.properties' is neither a resource on the"
                + " test classpath nor a file at "
                + temp.resolve("project/conf/absent.properties")
                + "; put it under src/test/resources/conf/absent.properties or give a path relative"
                + " to "
                + temp.resolve("project"));
  }

  @Test
  void aJdkTheHostDoesNotHaveFailsWithTheOriginOfTheJdkAxis() {
    Origin origin = new Origin("@JdkAxis.value on SomeTest");
    MatrixDefinition matrix =
        new MatrixDefinition(
            "test matrix",
            "host",
            List.of(new Axis.Jdk(List.of("4"), origin)),
            List.of(),
            List.of(),
            new Strategy(Strategy.Combinations.ALL, false, 0, Strategy.DEFAULT_TIMEOUT));

    assertThatThrownBy(
            () ->
                planner(List.of())
                    .plan("com.example.SomeTest", VariantDefinition.of(matrix, Map.of("jdk", "4"))))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageStartingWith("@JdkAxis.value on SomeTest: ");
  }

  private static VariantDefinition jdkImageVariant(String jdk, String base) {
    Origin origin = Origin.annotation("@JdkAxis", "value", "demo.JsonTest");
    MatrixDefinition matrix =
        new MatrixDefinition(
            "test matrix",
            "host",
            List.of(
                new Axis.Jdk(List.of(jdk), origin),
                new Axis.Base(List.of(base), new Origin("@BaseAxis.value on demo.JsonTest"))),
            List.of(),
            List.of(),
            new Strategy(Strategy.Combinations.ALL, false, 0, Strategy.DEFAULT_TIMEOUT));
    return VariantDefinition.of(matrix, Map.of("jdk", jdk, "base", base));
  }

  private void jdkImage(String name) throws Exception {
    dev.containermatrix.backend.image.TestImages.writeUncompressedOciLayout(
        temp.resolve("project").resolve(name),
        List.of(
            dev.containermatrix.backend.layers.ReproducibleLayer.builder()
                .addFile(
                    "opt/java/openjdk/release",
                    "JAVA_VERSION=\"21.0.9\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    false)
                .addFile("opt/java/openjdk/bin/java", new byte[] {1}, true)
                .build()),
        List.of("JAVA_HOME=/opt/java/openjdk"));
  }

  @Test
  void aJdkImageIsTheVariantsBaseAndItsHomeAndVersionAreThoseInsideTheImage() throws Exception {
    jdkImage("images/temurin");

    VariantPlan plan =
        planner(List.of())
            .plan("com.example.SomeTest", jdkImageVariant("oci-layout:images/temurin", "host"));

    assertThat(plan.jdkHome()).isEqualTo(Path.of("/opt/java/openjdk"));
    assertThat(plan.jdkFeature()).isEqualTo(21);
    assertThat(plan.base()).isEqualTo("oci-layout:images/temurin");
    assertThat(plan.jdkInBase()).isTrue();
    assertThat(plan.variant().values().get("jdk")).isEqualTo("oci-layout:images/temurin");

    var store = dev.containermatrix.backend.layers.LayerStore.open(temp.resolve("store"));
    var stacks =
        planner(List.of(temp.resolve("project")))
            .stacks(List.of(plan), store, reference -> List.of());
    assertThat(stacks.of(plan))
        .as("no JDK layer: the JDK is in the base image's layers")
        .noneMatch(l -> l.role() == dev.containermatrix.backend.layers.LayerRole.JDK);
  }

  @Test
  void aJdkImageWithABaseOtherThanTheHostFailsNamingBoth() throws Exception {
    jdkImage("images/temurin");

    assertThatThrownBy(
            () ->
                planner(List.of())
                    .plan(
                        "com.example.SomeTest",
                        jdkImageVariant("oci-layout:images/temurin", "oci-archive:bookworm.tar")))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@JdkAxis.value on demo.JsonTest: variant jdk=oci-layout:images/temurin,"
                + " base=oci-archive:bookworm.tar has JDK image oci-layout:images/temurin and base"
                + " oci-archive:bookworm.tar, but a JDK image is the variant's base: drop the base"
                + " (or use base 'host') for this JDK, or exclude the combination, or name a host"
                + " JDK instead of the image");
  }

  @Test
  void aJdkImageWithoutJdkFailsTheClassAtItsJdkAxis() throws Exception {
    jdkImage("images/temurin");

    assertThatThrownBy(
            () ->
                planner(List.of())
                    .plan(
                        "com.example.SomeTest",
                        jdkImageVariant("oci-layout:images/temurin!/usr/lib/jvm/none", "host")))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@JdkAxis.value on demo.JsonTest: JDK home /usr/lib/jvm/none in image"
                + " oci-layout:images/temurin has no release file, so it is no JDK; name the"
                + " image's JDK home after '!'");
  }
}
