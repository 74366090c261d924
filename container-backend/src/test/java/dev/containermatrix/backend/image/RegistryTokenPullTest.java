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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real registry behind a token service: Debian's {@code docker-registry} on loopback
 * with {@code auth: token}, whose realm is {@link RegistryTokenService} on loopback too. skopeo
 * pushes through the token flow; {@code registry:} pulls through it with the Docker config's login.
 */
class RegistryTokenPullTest {
  private static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  @TempDir static Path work;
  private static RegistryTokenService tokens;
  private static LoopbackRegistry registry;
  private static String host;
  private static Path layout;

  @BeforeAll
  static void startRegistryAndTokenServiceAndPush() throws Exception {
    HostRequirements.require(HostCommand.works("docker-registry", "--version") && HostCommand.works("skopeo", "--version")
        && HostCommand.works("openssl", "version"),
        "Debian's docker-registry, skopeo and openssl (apt-get install docker-registry skopeo openssl)");
    HostRequirements.require(Files.isExecutable(TEMURIN.resolve("bin/java")), "Temurin 25 is not at " + TEMURIN);
    tokens = RegistryTokenService.start(work, "tester", "s3cret");
    registry = LoopbackRegistry.start(work, List.of(
        "token:",
        "  realm: " + tokens.realm(),
        "  service: " + RegistryTokenService.SERVICE,
        "  issuer: " + RegistryTokenService.ISSUER,
        "  rootcertbundle: " + RegistryTokenService.rootCertificateBundle(work)));
    host = registry.host();
    layout = TestImages.writeJdkRuntimeImage(work.resolve("layout"), TEMURIN, "pulled-with-a-token");
    registry.push(layout, "cm/token-runtime:1", "tester:s3cret");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void pullsWithABearerTokenForTheRepositoryScopeAndStoresTheLayers() throws Exception {
    Path dockerConfig = dockerConfig("docker-config.json", "tester:s3cret");

    Image pulled = new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read();
    Image original = new OciLayoutReader(layout).read();
    List<StoredLayer> layers = ImageImport.intoStore(pulled, LayerStore.open(work.resolve("store")));

    assertThat(pulled.reference()).isEqualTo("registry:" + host + "/cm/token-runtime:1");
    assertThat(pulled.configDigest()).isEqualTo(original.configDigest());
    assertThat(pulled.layers()).extracting(ImageLayerBlob::digest)
        .isEqualTo(original.layers().stream().map(ImageLayerBlob::digest).toList());
    assertThat(layers).extracting(layer -> layer.digest().toString()).isEqualTo(original.config().diffIds());
    assertThat(Files.readString(layers.get(0).directory().resolve("etc/image-release"))).isEqualTo("pulled-with-a-token\n");
    assertThat(tokens.requests()).contains("service=" + RegistryTokenService.SERVICE
        + "&scope=repository:cm/token-runtime:pull");
  }

  @Test
  void aPasswordTheTokenServiceRefusesIsNamedWithTheRegistryTheRealmAndTheConfigToCorrect() throws Exception {
    Path dockerConfig = dockerConfig("docker-config-wrong.json", "tester:wrong");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage("The token service " + tokens.realm() + " of registry " + host + " refused the login for "
            + host + " in " + dockerConfig + " (HTTP 401): correct it there, e.g. with docker login " + host);
  }

  @Test
  void aTokenServiceThatWantsALoginWeDoNotHaveSaysHowToGiveIt() {
    Path dockerConfig = work.resolve("no-such-config.json");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage("The token service " + tokens.realm() + " of registry " + host + " asks for a login, but "
            + dockerConfig + " has none for " + host + " (HTTP 401): add one, e.g. with docker login " + host);
  }

  @Test
  void aRepositoryTheLoginHasNoAccessToIsNamedWithTheScopeItLacks() throws Exception {
    Path dockerConfig = dockerConfig("docker-config-other.json", "tester:s3cret");

    assertThatThrownBy(() -> new RegistryReader(host + "/other/runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageStartingWith("Registry " + host + " refused http://" + host + "/v2/other/runtime/manifests/1 with the"
            + " token it asked for (HTTP 401, challenge \"Bearer realm=\"" + tokens.realm() + "\"")
        .hasMessageEndingWith("the login for " + host + " in " + dockerConfig + " has no \"repository:other/runtime:pull\""
            + " access; ask for it or correct the login, e.g. with docker login " + host);
  }

  private static Path dockerConfig(String name, String userAndPassword) throws Exception {
    return registry.dockerConfig(work.resolve(name), userAndPassword);
  }
}
