package dev.containermatrix.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdkImageTest {
  private static final Origin ORIGIN = Origin.annotation("@JdkAxis", "value", "demo.JsonTest");

  @Test
  void anImageReferenceIsAnImageJdkAndAVersionOrHostPathIsNot() {
    assertThat(JdkImage.isImage("oci-layout:target/jdk")).isTrue();
    assertThat(JdkImage.isImage("oci-archive:/images/jdk.tar")).isTrue();
    assertThat(JdkImage.isImage("docker-archive:jdk.tar")).isTrue();
    assertThat(JdkImage.isImage("docker:eclipse-temurin:21-jdk")).isTrue();
    assertThat(JdkImage.isImage("registry:eclipse-temurin:21-jdk!/opt/java/openjdk")).isTrue();
    assertThat(JdkImage.isImage("17")).isFalse();
    assertThat(JdkImage.isImage("/usr/lib/jvm/temurin-25-jdk-amd64")).isFalse();
    assertThat(JdkImage.isImage("host")).isFalse();
    assertThat(JdkImage.isImage("oci-layout:")).isFalse();
  }

  @Test
  void withoutAHomeTheImagesJavaHomeIsUsedAndAfterTheBangTheHomeIsNamed() {
    assertThat(JdkImage.parse("registry:eclipse-temurin:21-jdk", ORIGIN))
        .isEqualTo(
            new JdkImage(
                "registry:eclipse-temurin:21-jdk",
                "registry:eclipse-temurin:21-jdk",
                Optional.empty()));
    assertThat(JdkImage.parse("registry:eclipse-temurin:21-jdk!/opt/java/openjdk", ORIGIN))
        .isEqualTo(
            new JdkImage(
                "registry:eclipse-temurin:21-jdk!/opt/java/openjdk",
                "registry:eclipse-temurin:21-jdk",
                Optional.of("/opt/java/openjdk")));
  }

  @Test
  void aHomeThatIsNoAbsoluteNormalizedPathFailsNamingTheOriginAndWhatToWrite() {
    assertThatThrownBy(() -> JdkImage.parse("oci-layout:jdk!opt/java", ORIGIN))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessage(
            "@JdkAxis.value on demo.JsonTest: JDK value 'oci-layout:jdk!opt/java' names JDK home"
                + " 'opt/java' in its image after '!', which is not an absolute path without '.',"
                + " '..' or a trailing '/'; write it as the image sees it, e.g."
                + " oci-layout:jdk!/opt/java/openjdk, or leave '!…' out to use the image's"
                + " JAVA_HOME");
    assertThatThrownBy(() -> JdkImage.parse("oci-layout:jdk!/opt/../etc", ORIGIN))
        .hasMessageContaining("names JDK home '/opt/../etc'");
    assertThatThrownBy(() -> JdkImage.parse("oci-layout:jdk!", ORIGIN))
        .hasMessageContaining("names JDK home ''");
  }

  @Test
  void theJdkAxisChecksItsImageValuesWhenTheMatrixIsRead() {
    assertThatThrownBy(() -> new Axis.Jdk(List.of("17", "oci-layout:jdk!java"), ORIGIN))
        .isInstanceOf(MatrixDefinitionException.class)
        .hasMessageStartingWith(
            "@JdkAxis.value on demo.JsonTest: JDK value 'oci-layout:jdk!java' names JDK home"
                + " 'java'");
  }
}
