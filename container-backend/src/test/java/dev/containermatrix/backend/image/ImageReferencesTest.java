package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageReferencesTest {

  private static final Path BASE = Path.of("/work/module");

  @Test
  void parsesEveryFormResolvingRelativePathsAgainstTheBaseDirectory() {
    assertThat(ImageReferences.parse("host", BASE)).isEqualTo(new ImageReference.Host());
    assertThat(ImageReferences.parse("oci-layout:images/bookworm", BASE))
        .isEqualTo(new ImageReference.OciLayout(Path.of("/work/module/images/bookworm")));
    assertThat(ImageReferences.parse("oci-archive:/srv/bullseye.tar", BASE))
        .isEqualTo(new ImageReference.OciArchive(Path.of("/srv/bullseye.tar")));
    assertThat(ImageReferences.parse("docker-archive:../images/app.tar", BASE))
        .isEqualTo(new ImageReference.DockerArchive(Path.of("/work/images/app.tar")));
    assertThat(ImageReferences.parse("docker:cmtest/app:1", BASE))
        .isEqualTo(new ImageReference.DockerEngine("cmtest/app:1"));
    assertThat(ImageReferences.parse("registry:localhost:5000/app@sha256:" + "a".repeat(64), BASE))
        .isEqualTo(new ImageReference.Registry("localhost:5000/app@sha256:" + "a".repeat(64)));
  }

  @Test
  void canonicalTextParsesBackToAnEqualReference() {
    for (String text :
        new String[] {
          "host",
          "oci-layout:x",
          "oci-archive:x.tar",
          "docker-archive:y.tar",
          "docker:app:1",
          "registry:r/app"
        }) {
      ImageReference reference = ImageReferences.parse(text, BASE);
      assertThat(ImageReferences.parse(reference.text(), Path.of("/elsewhere")))
          .isEqualTo(reference);
    }
    assertThat(ImageReferences.parse("oci-archive:x.tar", BASE).text())
        .isEqualTo("oci-archive:/work/module/x.tar");
  }

  @Test
  void rejectsAReferenceWithoutAKindNamingItAndListingTheValidForms() {
    assertThatThrownBy(() -> ImageReferences.parse("bookworm", BASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Malformed image reference \"bookworm\": it has no kind prefix. Valid forms: host,"
                + " oci-layout:<dir>, oci-archive:<tar>, docker-archive:<tar>, docker:<name>,"
                + " registry:<reference> (relative paths resolve against the module's base"
                + " directory)");
  }

  @Test
  void rejectsAnUnknownKindAndAnEmptyBody() {
    assertThatThrownBy(() -> ImageReferences.parse("podman:app", BASE))
        .hasMessageStartingWith(
            "Malformed image reference \"podman:app\": \"podman\" is not a kind of image reference."
                + " Valid forms: host,");
    assertThatThrownBy(() -> ImageReferences.parse("oci-archive: ", BASE))
        .hasMessageStartingWith(
            "Malformed image reference \"oci-archive: \": nothing follows \"oci-archive:\". Valid"
                + " forms:");
  }

  @Test
  void rejectsADockerNameThatWouldReadAsACommandLineOption() {
    assertThatThrownBy(() -> ImageReferences.parse("docker:-o/etc/passwd", BASE))
        .hasMessageStartingWith(
            "Malformed image reference \"docker:-o/etc/passwd\": \"-o/etc/passwd\" is not an image"
                + " name (letters, digits and . _ / : @ -, starting with a letter or digit). Valid"
                + " forms:");
  }

  @Test
  void hostIsNoImageToRead() {
    assertThatThrownBy(() -> ImageReaders.of(new ImageReference.Host(), Path.of("/tmp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "\"host\" is the host's own system directories, not an image to read");
  }

  @Test
  void aRegistryThatIsNotThereIsNamedWithTheAddressTried() throws Exception {
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ImageReader reader =
        ImageReaders.of(
            ImageReferences.parse("registry:127.0.0.1:" + port + "/app:1", BASE), Path.of("/tmp"));
    assertThatThrownBy(reader::read)
        .isInstanceOf(ImageSourceException.class)
        .hasMessageStartingWith(
            "Cannot reach registry 127.0.0.1:"
                + port
                + " at http://127.0.0.1:"
                + port
                + "/v2/app/manifests/1");
  }

  @Test
  void registryCoordinatesFollowDockersRules() {
    assertThat(RegistryCoordinates.parse("eclipse-temurin:25"))
        .isEqualTo(
            new RegistryCoordinates("registry-1.docker.io", "library/eclipse-temurin", "25"));
    assertThat(RegistryCoordinates.parse("localhost:5000/team/app"))
        .isEqualTo(new RegistryCoordinates("localhost:5000", "team/app", "latest"));
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(RegistryCoordinates.parse("ghcr.io/org/app@" + digest))
        .isEqualTo(new RegistryCoordinates("ghcr.io", "org/app", digest));
    assertThat(RegistryCoordinates.parse("ghcr.io/org/app@" + digest).pinnedDigest())
        .contains(digest);
    assertThat(RegistryCoordinates.parse("ghcr.io/org/app:1").pinnedDigest()).isEmpty();
  }

  @Test
  void aPinThatIsNoSha256DigestIsRefused() {
    assertThatThrownBy(() -> RegistryCoordinates.parse("ghcr.io/org/app@sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "registry:ghcr.io/org/app@sha256:abc pins \"sha256:abc\", which is no sha256 digest:"
                + " write registry:[host[:port]/]name@sha256:<64 lowercase hex digits>");
  }

  @Test
  void theFormCheckOfDiscoveryAcceptsEveryKindFollowedBySomethingAndNothingElse() {
    assertThat(
            java.util.stream.Stream.of(
                "host",
                "oci-layout:images/x",
                "oci-archive:x.tar",
                "docker-archive:/x.tar",
                "docker:app:1",
                "registry:quay.io/a/b:1"))
        .allMatch(ImageReferences::hasValidForm);
    assertThat(java.util.stream.Stream.of("ubuntu", "docker:", "podman:app", ":x", "Host", ""))
        .noneMatch(ImageReferences::hasValidForm);
    assertThat(ImageReferences.hasValidForm(null)).isFalse();
  }
}
