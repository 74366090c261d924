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
}
