package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Digest;
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
  @TempDir static Path work;
  private static LoopbackRegistry registry;
  private static String host;
  private static Path layout;

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    HostRequirements.require(
        HostCommand.works("docker-registry", "--version")
            && HostCommand.works("skopeo", "--version")
            && Files.isExecutable(Path.of("/usr/bin/htpasswd")),
        "Debian's docker-registry, skopeo and htpasswd (apt-get install docker-registry skopeo"
            + " apache2-utils)");
    TestImages.requireTemurin();
    String htpasswd = HostCommand.run(work, Map.of(), "htpasswd", "-Bbn", "tester", "s3cret");
    Files.writeString(work.resolve("htpasswd"), htpasswd + "\n");
    registry =
        LoopbackRegistry.start(
            work,
            List.of(
                "htpasswd:",
                "  realm: containermatrix-test",
                "  path: " + work.resolve("htpasswd")));
    host = registry.host();
    layout =
        TestImages.writeJdkRuntimeImage(
            work.resolve("layout"), TestImages.TEMURIN, "pulled-from-a-registry");
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
    List<StoredLayer> layers =
        ImageImport.intoStore(pulled, LayerStore.open(work.resolve("store")));
    assertThat(layers).hasSize(1);
    assertThat(Files.readString(layers.get(0).directory().resolve("etc/image-release")))
        .isEqualTo("pulled-from-a-registry\n");
  }

  @Test
  void pullsByTheDigestThatPinsTheManifest() throws Exception {
    Path dockerConfig =
        registry.dockerConfig(work.resolve("docker-config-pinned.json"), "tester:s3cret");
    String digest = Digest.of(manifest("1")).toString();

    Image pinned = new RegistryReader(host + "/cm/runtime@" + digest, dockerConfig).read();

    assertThat(pinned.reference()).isEqualTo("registry:" + host + "/cm/runtime@" + digest);
    assertThat(pinned.config().diffIds())
        .isEqualTo(new OciLayoutReader(layout).read().config().diffIds());
  }

  @Test
  void aManifestThatDoesNotHashToThePinnedDigestIsRefusedNamingBoth() throws Exception {
    byte[] manifest = manifest("1");
    String wrong = "sha256:" + "0".repeat(64);
    try (FakeRegistry liar = FakeRegistry.start("127.0.0.1")) {
      // a registry that answers a digest it does not have with the manifest of another
      liar.on(
          "/v2/cm/runtime/manifests/" + wrong,
          exchange ->
              FakeRegistry.send(
                  exchange, 200, "application/vnd.oci.image.manifest.v1+json", manifest));

      assertThatThrownBy(
              () ->
                  new RegistryReader(
                          liar.host() + "/cm/runtime@" + wrong, work.resolve("none.json"))
                      .read())
          .isInstanceOf(ImageSourceException.class)
          .hasMessage(
              "registry "
                  + liar.host()
                  + " repository cm/runtime answered http://"
                  + liar.host()
                  + "/v2/cm/runtime/manifests/"
                  + wrong
                  + " with a manifest whose digest is "
                  + Digest.of(manifest).toString()
                  + ", not the "
                  + wrong
                  + " that registry:"
                  + liar.host()
                  + "/cm/runtime@"
                  + wrong
                  + " pins: refusing it,"
                  + " since it is not the image asked for; check the reference and the registry");
    }
  }

  /** The manifest bytes the real registry holds for {@code cm/runtime:<tag>}, as it sends them. */
  private static byte[] manifest(String tag) throws Exception {
    String login =
        java.util.Base64.getEncoder()
            .encodeToString("tester:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.net.http.HttpResponse<byte[]> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://" + host + "/v2/cm/runtime/manifests/" + tag))
                    .header("Accept", RegistryClient.MANIFEST_TYPES)
                    .header("Authorization", "Basic " + login)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET manifests/" + tag).isEqualTo(200);
    return response.body();
  }

  @Test
  void aRegistryThatAsksForALoginWeDoNotHaveSaysHowToGiveIt() {
    assertThatThrownBy(
            () ->
                new RegistryReader(host + "/cm/runtime:1", work.resolve("no-such-config.json"))
                    .read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageContaining("Registry " + host + " asks for a login")
        .hasMessageContaining("docker login " + host);
  }

  @Test
  void aPasswordTheRegistryRefusesIsNamedWithTheConfigToCorrect() throws Exception {
    Path dockerConfig =
        registry.dockerConfig(work.resolve("docker-config-wrong.json"), "tester:wrong");

    assertThatThrownBy(() -> new RegistryReader(host + "/cm/runtime:1", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Registry "
                + host
                + " refused http://"
                + host
                + "/v2/cm/runtime/manifests/1 with the login for "
                + host
                + " in "
                + dockerConfig
                + " (HTTP 401): correct it there, e.g. with docker login "
                + host);
  }

  @Test
  void aTagThatDoesNotExistIsNamed() throws Exception {
    Path dockerConfig =
        registry.dockerConfig(work.resolve("docker-config-2.json"), "tester:s3cret");
    assertThatThrownBy(() -> new RegistryReader(host + "/cm/runtime:nope", dockerConfig).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageContaining(
            "answered HTTP 404: the repository, tag or blob does not exist there");
  }
}
