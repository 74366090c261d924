package dev.containermatrix.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.image.TestImages;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.engine.matrix.JdkImage;
import dev.containermatrix.engine.matrix.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK inside an image, found from its config and layers, and what is said when it is not. */
class ImageJdksTest {
  @TempDir Path temp;

  private static final Origin ORIGIN = new Origin("test");

  private Jdk locate(String value) {
    return new ImageJdks(temp, temp.resolve("scratch")).locate(JdkImage.parse(value, ORIGIN));
  }

  private void image(String name, List<String> env, String home, boolean withJava)
      throws Exception {
    ReproducibleLayer.Builder jdk =
        ReproducibleLayer.builder()
            .addFile(
                home.substring(1) + "/release",
                "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.9\"\n"
                    .getBytes(StandardCharsets.UTF_8),
                false);
    if (withJava) {
      jdk.addFile(home.substring(1) + "/bin/java", new byte[] {0x7f, 'E', 'L', 'F'}, true);
    }
    TestImages.writeUncompressedOciLayout(temp.resolve(name), List.of(jdk.build()), env);
  }

  @Test
  void theHomeIsTheImagesJavaHomeAndTheVersionThatOfItsReleaseFile() throws Exception {
    image(
        "temurin", List.of("PATH=/bin", "JAVA_HOME=/opt/java/openjdk"), "/opt/java/openjdk", true);

    Jdk jdk = locate("oci-layout:temurin");

    assertThat(jdk.home()).isEqualTo(Path.of("/opt/java/openjdk"));
    assertThat(jdk.feature()).isEqualTo(21);
    assertThat(jdk.version()).isEqualTo("21.0.9");
    assertThat(temp.resolve("scratch"))
        .as("the image's scratch directory is removed")
        .isEmptyDirectory();
  }

  @Test
  void aHomeAfterTheBangIsUsedInsteadOfJavaHome() throws Exception {
    image("plain", List.of(), "/usr/local/jdk", true);

    assertThat(locate("oci-layout:plain!/usr/local/jdk").home())
        .isEqualTo(Path.of("/usr/local/jdk"));
  }

  @Test
  void anImageWithoutJavaHomeAndNoHomeAfterTheBangFailsSayingToNameIt() throws Exception {
    image("plain", List.of("PATH=/bin"), "/usr/local/jdk", true);

    assertThatThrownBy(() -> locate("oci-layout:plain"))
        .isInstanceOf(JdkNotFoundException.class)
        .hasMessage(
            "JDK image oci-layout:plain sets no absolute JAVA_HOME in its config, so where its JDK"
                + " is is not known; name the JDK's home after '!', e.g."
                + " oci-layout:plain!/opt/java/openjdk");
  }

  @Test
  void aHomeWithoutReleaseFileOrJavaIsNoJdk() throws Exception {
    image("temurin", List.of("JAVA_HOME=/opt/java/openjdk"), "/opt/java/openjdk", false);

    assertThatThrownBy(() -> locate("oci-layout:temurin!/opt/elsewhere"))
        .hasMessage(
            "JDK home /opt/elsewhere in image oci-layout:temurin has no release file, so it is no"
                + " JDK; name the image's JDK home after '!'");
    assertThatThrownBy(() -> locate("oci-layout:temurin"))
        .hasMessage(
            "JDK home /opt/java/openjdk (the image's JAVA_HOME) in image oci-layout:temurin has no"
                + " bin/java, so it is no JDK; name the image's JDK home after '!', e.g."
                + " oci-layout:temurin!/opt/java/openjdk");
  }

  @Test
  void anImageThatCannotBeReadFailsNamingIt() {
    assertThatThrownBy(() -> locate("oci-layout:missing"))
        .isInstanceOf(JdkNotFoundException.class)
        .hasMessageStartingWith("JDK image oci-layout:missing cannot be read: ")
        .hasMessageEndingWith(
            "; check the image reference (relative paths resolve against " + temp + ")");
  }
}
