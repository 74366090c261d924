package dev.containermatrix.backend.image;

import dev.containermatrix.backend.HostCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real registry: Debian's {@code docker-registry}, started here on loopback with
 * htpasswd logins, an image pushed into it with skopeo, then read through {@code registry:}.
 */
class RegistryPullTest {
  private static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  @TempDir static Path work;
  private static LoopbackRegistry registry;
  private static String host;
  private static Path layout;

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    HostRequirements.require(HostCommand.works("docker-registry", "--version") && HostCommand.works("skopeo", "--version")
        && Files.isExecutable(Path.of("/usr/bin/htpasswd")),
        "Debian's docker-registry, skopeo and htpasswd (apt-get install docker-registry skopeo apache2-utils)");
    HostRequirements.require(Files.isExecutable(TEMURIN.resolve("bin/java")), "Temurin 25 is not at " + TEMURIN);
    String htpasswd = HostCommand.run(work, Map.of(), "htpasswd", "-Bbn", "tester", "s3cret");
    Files.writeString(work.resolve("htpasswd"), htpasswd + "\n");
    registry = LoopbackRegistry.start(work, List.of(
        "htpasswd:",
        "  realm: containermatrix-test",
        "  path: " + work.resolve("htpasswd")));
    host = registry.host();
    layout = TestImages.writeJdkRuntimeImage(work.resolve("layout"), TEMURIN, "pulled-from-a-registry");
    registry.push(layout, "cm/runtime:1", "tester:s3cret");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pullsAnImageWithTheCredentialsOfTheDockerConfigAndStoresItsLayers() throws Exception {
    Path dockerConfig = registry.dockerConfig(work.resolve("docker-config.json"), "tester:s3cret");

    Image pulled = new RegistryReader(host + "/cm/runtime:1", dockerConfig).read();
    Image original = new OciLayoutReader(layout).read();

    assertThat(pulled.reference()).isEqualTo("registry:" + host + "/cm/runtime:1");
    assertThat(pulled.config().diffIds()).isEqualTo(original.config().diffIds());
    List<StoredLayer> layers = ImageImport.intoStore(pulled, LayerStore.open(work.resolve("store")));
    assertThat(layers).hasSize(1);
    assertThat(Files.readString(layers.get(0).directory().resolve("etc/image-release"))).isEqualTo("pulled-from-a-registry\n");
  }

  @Test
  void aRegistryThatAsksForALoginWeDoNotHaveSaysHowToGiveIt() {
    assertThatThrownBy(() -> new RegistryReader(host + "/cm/runtime:1", work.resolve("no-such-config.json")).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageContaining("Registry " + host + " asks for a login")
        .hasMessageContaining("docker login " + host);
  }

  @Test
  void aPasswordTheRegistryRefusesIsNamedWithTheConfigToCorrect() throws Exception {
    Path dockerConfig = registry.dockerConfig(work.resolve("docker-config-wrong.json"), "tester:wrong");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage("Registry " + host + " refused http://" + host + "/v2/cm/runtime/manifests/1 with the login for "
            + host + " in " + dockerConfig + " (HTTP 401): correct it there, e.g. with docker login " + host);
  }

  @Test
  void aTagThatDoesNotExistIsNamed() throws Exception {
    Path dockerConfig = registry.dockerConfig(work.resolve("docker-config-2.json"), "tester:s3cret");
    assertThatThrownBy(() -> new RegistryReader(host + "/cm/runtime:nope", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageContaining("answered HTTP 404: the repository, tag or blob does not exist there");
  }
}
