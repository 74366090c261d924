package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostCommand;
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
 * with {@code auth: token}, whose realm is {@link RegistryTokenService}. skopeo pushes through the
 * token flow. {@code registry:} pulls through it with the Docker config's login where the token
 * service shares the registry's origin (it forwards {@code /v2/} to the registry); a second
 * registry's token service is on another host, 127.0.0.2, and gets no login.
 */
class RegistryTokenPullTest {
  @TempDir static Path work;
  private static RegistryTokenService tokens;
  private static LoopbackRegistry registry;
  private static RegistryTokenService tokensElsewhere;
  private static LoopbackRegistry registryElsewhere;
  private static String host;
  private static Path layout;

  @BeforeAll
  static void startRegistryAndTokenServiceAndPush() throws Exception {
    HostRequirements.require(
        HostCommand.works("docker-registry", "--version")
            && HostCommand.works("skopeo", "--version")
            && HostCommand.works("openssl", "version"),
        "Debian's docker-registry, skopeo and openssl (apt-get install docker-registry skopeo"
            + " openssl)");
    TestImages.requireTemurin();
    tokens = RegistryTokenService.start(work, "tester", "s3cret", "127.0.0.1");
    registry = LoopbackRegistry.start(work, tokenAuth(tokens, work));
    tokens.forwardRegistry(registry.host());
    host = tokens.host();
    layout =
        TestImages.writeJdkRuntimeImage(
            work.resolve("layout"), TestImages.TEMURIN, "pulled-with-a-token");
    registry.push(layout, "cm/token-runtime:1", "tester:s3cret");
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    tokensElsewhere = RegistryTokenService.start(elsewhere, "tester", "s3cret", "127.0.0.2");
    registryElsewhere = LoopbackRegistry.start(elsewhere, tokenAuth(tokensElsewhere, elsewhere));
  }

  private static List<String> tokenAuth(RegistryTokenService service, Path directory) {
    return List.of(
        "token:",
        "  realm: " + service.realm(),
        "  service: " + RegistryTokenService.SERVICE,
        "  issuer: " + RegistryTokenService.ISSUER,
        "  rootcertbundle: " + RegistryTokenService.rootCertificateBundle(directory));
  }

  @AfterAll
  static void stop() throws Exception {
    for (LoopbackRegistry each : new LoopbackRegistry[] {registry, registryElsewhere}) {
      if (each != null) {
        each.close();
      }
    }
    for (RegistryTokenService each : new RegistryTokenService[] {tokens, tokensElsewhere}) {
      if (each != null) {
        each.close();
      }
    }
  }

  @Test
  void pullsWithABearerTokenForTheRepositoryScopeAndStoresTheLayers() throws Exception {
    Path dockerConfig = dockerConfig("docker-config.json", "tester:s3cret");

    Image pulled = new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read();
    Image original = new OciLayoutReader(layout).read();
    List<StoredLayer> layers =
        ImageImport.intoStore(pulled, LayerStore.open(work.resolve("store")));

    assertThat(pulled.reference()).isEqualTo("registry:" + host + "/cm/token-runtime:1");
    assertThat(pulled.configDigest()).isEqualTo(original.configDigest());
    assertThat(pulled.layers())
        .extracting(ImageLayerBlob::digest)
        .isEqualTo(original.layers().stream().map(ImageLayerBlob::digest).toList());
    assertThat(layers)
        .extracting(layer -> layer.digest().toString())
        .isEqualTo(original.config().diffIds());
    assertThat(Files.readString(layers.get(0).directory().resolve("etc/image-release")))
        .isEqualTo("pulled-with-a-token\n");
    assertThat(tokens.requests())
        .contains(
            "service=" + RegistryTokenService.SERVICE + "&scope=repository:cm/token-runtime:pull");
  }

  @Test
  void aTokenServiceOnAnotherHostIsAskedWithoutTheRegistrysLogin() throws Exception {
    String other = registryElsewhere.host();
    Path dockerConfig =
        registryElsewhere.dockerConfig(
            work.resolve("docker-config-elsewhere.json"), "tester:s3cret");

    assertThatThrownBy(() -> new RegistryReader(other + "/cm/token-runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "The token service "
                + tokensElsewhere.realm()
                + " of registry "
                + other
                + " refused to give a"
                + " token without a login (HTTP 401); it is not on http://"
                + other
                + ", so the login for "
                + other
                + " is not sent to it: run the token service on the registry's own host and port,"
                + " or pull an image it gives without a login");
    assertThat(tokensElsewhere.requests())
        .containsExactly(
            "service=" + RegistryTokenService.SERVICE + "&scope=repository:cm/token-runtime:pull");
    assertThat(tokensElsewhere.authorizations()).containsExactly("");
  }

  @Test
  void aPasswordTheTokenServiceRefusesIsNamedWithTheRegistryTheRealmAndTheConfigToCorrect()
      throws Exception {
    Path dockerConfig = dockerConfig("docker-config-wrong.json", "tester:wrong");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "The token service "
                + tokens.realm()
                + " of registry "
                + host
                + " refused the login for "
                + host
                + " in "
                + dockerConfig
                + " (HTTP 401): correct it there, e.g. with docker login "
                + host);
  }

  @Test
  void aTokenServiceThatWantsALoginWeDoNotHaveSaysHowToGiveIt() {
    Path dockerConfig = work.resolve("no-such-config.json");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/token-runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "The token service "
                + tokens.realm()
                + " of registry "
                + host
                + " asks for a login, but "
                + dockerConfig
                + " has none for "
                + host
                + " (HTTP 401): add one, e.g. with docker login "
                + host);
  }

  @Test
  void aRepositoryTheLoginHasNoAccessToIsNamedWithTheScopeItLacks() throws Exception {
    Path dockerConfig = dockerConfig("docker-config-other.json", "tester:s3cret");

    assertThatThrownBy(() -> new RegistryReader(host + "/other/runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageStartingWith(
            "Registry "
                + host
                + " refused http://"
                + host
                + "/v2/other/runtime/manifests/1 with the"
                + " token it asked for (HTTP 401, challenge \"Bearer realm=\""
                + tokens.realm()
                + "\"")
        .hasMessageEndingWith(
            "the login for "
                + host
                + " in "
                + dockerConfig
                + " has no \"repository:other/runtime:pull\""
                + " access; ask for it or correct the login, e.g. with docker login "
                + host);
  }

  /**
   * A Docker config with the login for the registry as clients see it: at the token service's
   * origin.
   */
  private static Path dockerConfig(String name, String userAndPassword) throws Exception {
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString(userAndPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Files.writeString(
        work.resolve(name), "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
  }
}
