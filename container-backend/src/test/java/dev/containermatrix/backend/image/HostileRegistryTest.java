package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry client does with a registry that misbehaves on purpose ({@link FakeRegistry} on
 * loopback): it stalls, trickles, sends too much, sends a blob larger than its descriptor, names a
 * plain-http token service off loopback, or redirects a blob to another host. Limits are small here
 * so that each case ends soon; only the errors are asserted, never durations.
 */
class HostileRegistryTest {
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final RegistryLimits SHORT =
      new RegistryLimits(Duration.ofSeconds(5), Duration.ofMillis(500), 4 * 1024 * 1024, 1024);

  @TempDir Path work;
  private FakeRegistry registry;
  private String host;

  @BeforeEach
  void start() throws IOException {
    registry = FakeRegistry.start("127.0.0.1");
    host = registry.host();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Image read(String reference, RegistryLimits limits) throws IOException {
    return new RegistryReader(
            host + "/" + reference,
            work.resolve("no-docker-config.json"),
            limits,
            RegistryTransport.SYSTEM)
        .read();
  }

  @Test
  void aRegistryThatSendsNoHeadersEndsWithATimeoutNamingTheUrl() {
    registry.on("/v2/cm/silent/manifests/1", exchange -> registry.hang());

    assertThatThrownBy(() -> read("cm/silent:1", SHORT))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "http://"
                + host
                + "/v2/cm/silent/manifests/1 (registry "
                + host
                + ") did not answer within 500 ms (the read timeout): the registry or the network"
                + " is too slow or stalls; try again, or check them");
  }

  @Test
  void aRegistryThatStallsInTheBodyEndsWithATimeoutNamingTheUrl() {
    registry.on(
        "/v2/cm/stall/manifests/1",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", MANIFEST_TYPE);
          exchange.sendResponseHeaders(200, 1000);
          exchange.getResponseBody().write("{\"schemaV".getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
          registry.hang();
        });

    assertThatThrownBy(() -> read("cm/stall:1", SHORT))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "http://"
                + host
                + "/v2/cm/stall/manifests/1 sent nothing for 500 ms (the read timeout) after 9"
                + " bytes of its body: the registry or the network stalls; try again, or check"
                + " them");
  }

  @Test
  void aRegistryThatTricklesEndsAtTheBodysDeadline() {
    registry.on(
        "/v2/cm/trickle/manifests/1",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", MANIFEST_TYPE);
          exchange.sendResponseHeaders(200, 0);
          OutputStream body = exchange.getResponseBody();
          try {
            for (int i = 0; i < 1000; i++) { // at most 20 s; ends sooner when the client hangs up
              body.write(' ');
              body.flush();
              TimeUnit.MILLISECONDS.sleep(20); // pacing the trickle, not waiting for anything
            }
          } catch (IOException | InterruptedException e) {
            // the client hung up
          }
        });
    // 1000 bytes at the slowest 1000 bytes/s allowed, after 2 s of read timeout: 3 s in all
    RegistryLimits limits =
        new RegistryLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), 1000, 1000);

    assertThatThrownBy(() -> read("cm/trickle:1", limits))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "http://"
                + host
                + "/v2/cm/trickle/manifests/1 did not send its whole body within 3 s (the read"
                + " timeout of 2 s and the time 1000 bytes take at the slowest rate allowed): the"
                + " registry or the network is too slow, or the registry trickles; try again, or"
                + " check them");
  }

  @Test
  void aManifestThatContradictsItsDockerContentDigestHeaderIsRefused() {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST_TYPE
                + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
                + "0".repeat(64)
                + "\",\"size\":2},"
                + "\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    String claimed = "sha256:" + "1".repeat(64);
    registry.on(
        "/v2/cm/liar/manifests/1",
        exchange -> {
          exchange.getResponseHeaders().set("Docker-Content-Digest", claimed);
          FakeRegistry.send(exchange, 200, MANIFEST_TYPE, manifest);
        });

    assertThatThrownBy(() -> read("cm/liar:1", SHORT))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "registry "
                + host
                + " repository cm/liar answered http://"
                + host
                + "/v2/cm/liar/manifests/1 with a"
                + " manifest whose digest is "
                + Digest.of(manifest).toString()
                + ", not the "
                + claimed
                + " its Docker-Content-Digest header names: refusing it, since the registry"
                + " contradicts itself; check the registry");
  }

  @Test
  void aManifestLargerThanTheDocumentLimitIsRefused() {
    byte[] huge = new byte[5000];
    Arrays.fill(huge, (byte) ' ');
    registry.on(
        "/v2/cm/huge/manifests/1",
        exchange -> FakeRegistry.send(exchange, 200, MANIFEST_TYPE, huge));
    RegistryLimits limits =
        new RegistryLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 4096, 1024);

    assertThatThrownBy(() -> read("cm/huge:1", limits))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "http://"
                + host
                + "/v2/cm/huge/manifests/1 sent more than 4096 bytes, the most a manifest, index,"
                + " config or token response may have: it is no such document; check the reference"
                + " and the registry");
  }

  @Test
  void aBlobLargerThanItsDescriptorIsCutOffAtTheDescriptorsSize() throws Exception {
    TinyImage image = TinyImage.serve(registry, "cm/big");
    byte[] longer = Arrays.copyOf(image.layer(), image.layer().length + 100);
    registry.on(
        "/v2/cm/big/blobs/" + image.layerDigest(),
        exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", longer));

    Image pulled = read("cm/big:1", SHORT);

    assertThatThrownBy(
            () -> {
              try (InputStream in = pulled.layers().get(0).open()) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "http://"
                + host
                + "/v2/cm/big/blobs/"
                + image.layerDigest()
                + " sent more than "
                + image.layer().length
                + " bytes, the size the descriptor of blob "
                + image.layerDigest()
                + " gives: the"
                + " registry serves another blob than the image names; check the registry");
  }

  @Test
  void aTokenServiceOnPlainHttpOffLoopbackIsRefusedBeforeAnythingIsSentToIt() {
    registry.on(
        "/v2/cm/app/manifests/1",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set(
                  "WWW-Authenticate",
                  "Bearer"
                      + " realm=\"http://192.0.2.1/token\",service=\"fake\",scope=\"repository:cm/app:pull\"");
          FakeRegistry.send(
              exchange, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        });

    assertThatThrownBy(() -> read("cm/app:1", SHORT))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Refusing plain http to"
                + " http://192.0.2.1/token?service=fake&scope=repository%3Acm%2Fapp%3Apull (the"
                + " token service of registry "
                + host
                + "): 192.0.2.1 resolves to 192.0.2.1, not to a loopback address, and credentials"
                + " and images must not cross a network unencrypted; use https, or a loopback"
                + " address");
  }

  @Test
  void aBlobRedirectedToAnotherHostGetsNoLogin() throws Exception {
    try (FakeRegistry elsewhere = FakeRegistry.start("127.0.0.2")) {
      TinyImage image = TinyImage.serve(registry, "cm/moved");
      String login =
          Base64.getEncoder().encodeToString("tester:s3cret".getBytes(StandardCharsets.UTF_8));
      registry.on(
          "/v2/cm/moved/manifests/1",
          exchange -> {
            if (!("Basic " + login)
                .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
              FakeRegistry.send(
                  exchange, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
              return;
            }
            FakeRegistry.send(exchange, 200, MANIFEST_TYPE, image.manifest());
          });
      registry.on(
          "/v2/cm/moved/blobs/" + image.layerDigest(),
          exchange -> {
            exchange
                .getResponseHeaders()
                .set("Location", "http://" + elsewhere.host() + "/storage/layer");
            FakeRegistry.send(exchange, 307, "text/plain", new byte[0]);
          });
      elsewhere.on(
          "/storage/layer",
          exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", image.layer()));
      Path dockerConfig =
          Files.writeString(
              work.resolve("docker-config.json"),
              "{\"auths\":{\"" + host + "\":{\"auth\":\"" + login + "\"}}}");

      Image pulled =
          new RegistryReader(host + "/cm/moved:1", dockerConfig, SHORT, RegistryTransport.SYSTEM)
              .read();
      byte[] layer;
      try (InputStream in = pulled.layers().get(0).open()) {
        layer = in.readAllBytes();
      }

      assertThat(layer).isEqualTo(image.layer());
      assertThat(registry.requests())
          .contains(
              new FakeRegistry.Request(
                  "/v2/cm/moved/blobs/" + image.layerDigest(), "Basic " + login));
      assertThat(elsewhere.requests())
          .containsExactly(new FakeRegistry.Request("/storage/layer", ""));
    }
  }

  /**
   * A one-layer image whose layer is some bytes (nothing here unpacks it), served by a fake
   * registry.
   */
  private record TinyImage(byte[] manifest, byte[] config, byte[] layer, String layerDigest) {
    static TinyImage serve(FakeRegistry registry, String name) {
      byte[] layer =
          "not really a tar, but nothing here unpacks it".getBytes(StandardCharsets.UTF_8);
      String layerDigest = Digest.of(layer).toString();
      byte[] config =
          ("{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                  + layerDigest
                  + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] manifest =
          ("{\"schemaVersion\":2,\"mediaType\":\""
                  + MANIFEST_TYPE
                  + "\",\"config\":{\"mediaType\":"
                  + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                  + Digest.of(config).toString()
                  + "\",\"size\":"
                  + config.length
                  + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                  + layerDigest
                  + "\",\"size\":"
                  + layer.length
                  + "}]}")
              .getBytes(StandardCharsets.UTF_8);
      registry.on(
          "/v2/" + name + "/manifests/1",
          exchange -> FakeRegistry.send(exchange, 200, MANIFEST_TYPE, manifest));
      registry.on(
          "/v2/" + name + "/blobs/" + Digest.of(config).toString(),
          exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", config));
      registry.on(
          "/v2/" + name + "/blobs/" + layerDigest,
          exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", layer));
      return new TinyImage(manifest, config, layer, layerDigest);
    }
  }
}
