package dev.containermatrix.junit.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.expand.MatrixValidator;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.ValueSelector;
import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.Exclude;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.LibraryAxis;
import dev.containermatrix.junit.ResourceAxis;
import dev.containermatrix.junit.Resources;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnnotationMatrixReaderTest {

  @ContainerMatrix(maxParallel = 2, failFast = true, timeout = "90s")
  @LibraryAxis(
      artifact = "com.fasterxml.jackson.core:jackson-databind",
      versions = {"2.17.2", "2.21.3"},
      name = "databind")
  @JdkAxis({"17", "21"})
  @Exclude({"databind=2.17.2", "jdk=21"})
  static class Annotated {}

  @ContainerMatrix
  static class NoAxes {}

  @ContainerMatrix(allowFailures = {"jdk=21", " jdk=17 , tz=utc "})
  @JdkAxis({"17", "21"})
  @ConfigAxis(
      name = "tz",
      value = {@Config(name = "utc", env = "TZ=UTC")})
  static class AllowsFailures {}

  @ContainerMatrix(allowFailures = "jvm=21")
  @JdkAxis({"17", "21"})
  static class AllowsAnUnknownAxisToFail {}

  @ContainerMatrix(allowFailures = "jdk=26")
  @JdkAxis({"17", "21"})
  static class AllowsAnUnknownValueToFail {}

  @ContainerMatrix(value = "matrices/absent.yaml", allowFailures = "jdk=17")
  static class YamlAndAllowFailures {}

  @ContainerMatrix(maxParallel = -1)
  @JdkAxis("17")
  static class NegativeParallel {}

  @ContainerMatrix
  @ResourceAxis(@Resources(name = "small", pids = -5))
  static class NegativePids {}

  @ContainerMatrix("matrices/absent.yaml")
  @JdkAxis("17")
  static class YamlAndAxis {}

  @ContainerMatrix(value = "matrices/absent.yaml", base = "docker:debian:12")
  static class YamlAndBase {}

  @ContainerMatrix("matrices/absent.yaml")
  static class YamlMissing {}

  static class NotAMatrix {}

  @Test
  void axesExcludesAndStrategyComeFromTheAnnotationsInDeclarationOrder() {
    MatrixDefinition matrix = AnnotationMatrixReader.read(Annotated.class);

    assertThat(matrix.axes()).extracting(Axis::name).containsExactly("databind", "jdk");
    assertThat(matrix.axes().get(0).labels()).containsExactly("2.17.2", "2.21.3");
    assertThat(matrix.axes().get(1).labels()).containsExactly("17", "21");
    assertThat(matrix.excludes()).hasSize(1);
    assertThat(matrix.base()).isEqualTo("host");
    assertThat(matrix.strategy().maxParallel()).isEqualTo(2);
    assertThat(matrix.strategy().failFast()).isTrue();
    assertThat(matrix.strategy().timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(matrix.source()).isEqualTo("annotations on " + Annotated.class.getName());
  }

  @Test
  void allowFailuresEntriesAreSelectorsWhoseCommaMeansAnd() {
    MatrixDefinition matrix = AnnotationMatrixReader.read(AllowsFailures.class);
    MatrixValidator.validate(matrix);

    assertThat(matrix.strategy().allowFailures())
        .extracting(ValueSelector::text)
        .containsExactly("jdk=21", "jdk=17,tz=utc");
  }

  @Test
  void anAllowFailuresEntryNamingAnUnknownAxisNamesTheAttributeAndTheAxes() {
    assertThatThrownBy(
            () ->
                MatrixValidator.validate(
                    AnnotationMatrixReader.read(AllowsAnUnknownAxisToFail.class)))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@ContainerMatrix.allowFailures on "
                + AllowsAnUnknownAxisToFail.class.getName()
                + ": allowFailures entry 'jvm=21' names axis 'jvm', which this matrix does not"
                + " have; use one of its axes: jdk");
  }

  @Test
  void anAllowFailuresEntryNamingAValueTheAxisLacksNamesTheAttributeAndTheValues() {
    assertThatThrownBy(
            () ->
                MatrixValidator.validate(
                    AnnotationMatrixReader.read(AllowsAnUnknownValueToFail.class)))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@ContainerMatrix.allowFailures on "
                + AllowsAnUnknownValueToFail.class.getName()
                + ": allowFailures entry 'jdk=26' names value 'jdk=26', which no variant has;"
                + " use one of: 17, 21");
  }

  @Test
  void aYamlMatrixWithAllowFailuresOnTheAnnotationTooIsRefused() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(YamlAndAllowFailures.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageContaining("also sets [allowFailures] on @ContainerMatrix");
  }

  @Test
  void aMatrixWithoutAxesNamesTheAnnotationsThatAddOne() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(NoAxes.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@ContainerMatrix.value on "
                + NoAxes.class.getName()
                + ": the matrix has no axes; add @LibraryAxis, @JdkAxis, @ResourceAxis,"
                + " @ConfigAxis, @BaseAxis or @Include to the class, or name a YAML matrix file in"
                + " @ContainerMatrix(\"...\")");
  }

  @Test
  void aNegativeMaxParallelIsRefusedNamingTheAttribute() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(NegativeParallel.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@ContainerMatrix.maxParallel on "
                + NegativeParallel.class.getName()
                + ": maxParallel must be 0 (the scheduler decides) or positive, was -1");
  }

  @Test
  void aNegativeLimitIsRefusedNamingTheResourcesEntry() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(NegativePids.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@Resources(name = \"small\").pids on "
                + NegativePids.class.getName()
                + ": pids must be positive, or 0 for no limit; was -5");
  }

  @Test
  void aYamlMatrixWithAxisAnnotationsTooIsRefusedNamingThem() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(YamlAndAxis.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageContaining(
            "the class names the YAML matrix 'matrices/absent.yaml' and also carries @JdkAxis;"
                + " declare the matrix in one place");
  }

  @Test
  void aYamlMatrixWithContainerMatrixAttributesTooIsRefusedNamingThem() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(YamlAndBase.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageContaining(
            "the class names the YAML matrix 'matrices/absent.yaml' and also sets [base] on"
                + " @ContainerMatrix; set them in the YAML file (base, strategy) instead");
  }

  @Test
  void aYamlMatrixMissingFromTheClasspathSaysWhereToPutIt() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(YamlMissing.class))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageContaining(
            "the YAML matrix 'matrices/absent.yaml' is not on the test classpath;"
                + " put it under src/test/resources/matrices/absent.yaml");
  }

  @Test
  void aClassWithoutContainerMatrixIsRefused() {
    assertThatThrownBy(() -> AnnotationMatrixReader.read(NotAMatrix.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(NotAMatrix.class.getName() + " has no @ContainerMatrix");
  }
}
