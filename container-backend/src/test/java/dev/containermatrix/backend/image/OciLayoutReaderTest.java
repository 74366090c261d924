package dev.containermatrix.backend.image;

import static dev.containermatrix.backend.image.OciLayoutFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.image.OciLayoutFixture.LayerSpec;
import dev.containermatrix.backend.image.OciLayoutFixture.WrittenImage;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.MediaTypes;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciLayoutReaderTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  @TempDir Path layout;

  static List<LayerSpec> threeLayers() {
    Map<String, String> top = new LinkedHashMap<>();
    top.put("etc/.wh.old.conf", "");
    top.put("app/app.txt", "v2");
    return List.of(
        new LayerSpec(Compression.GZIP, Map.of("hello.txt", "base file", "etc/old.conf", "gone")),
        new LayerSpec(Compression.ZSTD, Map.of("app/app.txt", "v1")),
        new LayerSpec(Compression.NONE, top));
  }

  @Test
  void readsConfigAndLayersBottomFirstWithTheirCompression() throws IOException {
    WrittenImage written = OciLayoutFixture.writeImage(layout, "amd64", threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, null, "app:1"));

    Image image = new OciLayoutReader(layout, AMD64).read();

    assertThat(image.reference()).isEqualTo("oci-layout:" + layout);
    assertThat(image.configDigest()).hasToString(written.configDigest());
    assertThat(image.config())
        .isEqualTo(
            ImageConfig.of(
                "linux",
                "amd64",
                List.of("PATH=/usr/bin:/bin", "GREETING=hi"),
                written.diffIds().stream().map(Digest::parse).toList()));
    assertThat(image.layers())
        .extracting(layer -> layer.digest().toString())
        .isEqualTo(written.layerDigests());
    assertThat(image.layers())
        .extracting(ImageLayerBlob::compression)
        .containsExactly(Compression.GZIP, Compression.ZSTD, Compression.NONE);
    assertThat(image.layers().get(2).size())
        .isEqualTo(
            Files.size(layout.resolve(Digest.parse(written.layerDigests().get(2)).layoutPath())));
    for (int i = 0; i < 3; i++) {
      assertThat(Digest.of(image.layers().get(i).openUncompressed()).toString())
          .isEqualTo(written.diffIds().get(i));
    }
    assertThat(OciLayoutFixture.entries(image.layers().get(2).openUncompressed()))
        .containsExactly(Map.entry("etc/.wh.old.conf", ""), Map.entry("app/app.txt", "v2"));
  }

  @Test
  void closingATamperedLayerBeforeItsEndStillChecksIt() throws IOException {
    WrittenImage written = OciLayoutFixture.writeImage(layout, "amd64", threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, "amd64", null));
    OciLayoutFixture.flipByte(
        layout.resolve(Digest.parse(written.layerDigests().get(0)).layoutPath()), 40);
    Image image = new OciLayoutReader(layout, AMD64).read();

    assertThatThrownBy(
            () -> {
              try (InputStream in = image.layers().get(0).open()) {
                in.read();
              }
            })
        .isInstanceOf(ImageSourceException.class)
        .hasMessageContaining("has digest");
  }

  /**
   * Layers 0 and 1 are compressed (the digest is named, not the decompressor's complaint), layer 2
   * is a plain tar.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aTamperedLayerFailsWhenReadNamingTheBlobItsFileAndItsDigest(int layer) throws IOException {
    WrittenImage written = OciLayoutFixture.writeImage(layout, "amd64", threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, "amd64", null));
    String digest = written.layerDigests().get(layer);
    Path file = layout.resolve(Digest.parse(digest).layoutPath());
    OciLayoutFixture.flipByte(file, Files.size(file) / 2);
    Image image = new OciLayoutReader(layout, AMD64).read();

    assertThatThrownBy(() -> Digest.of(image.layers().get(layer).openUncompressed()).toString())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Blob "
                + digest
                + " read from "
                + file
                + " has digest "
                + Digest.of(Files.readAllBytes(file)).toString()
                + ": the file is corrupt or was changed after the image was written; export the"
                + " image again");
  }

  @Test
  void aTamperedManifestFailsTheRead() throws IOException {
    WrittenImage written = OciLayoutFixture.writeImage(layout, "amd64", threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, null, null));
    Path manifest = layout.resolve(Digest.parse(written.manifestDigest()).layoutPath());
    Files.writeString(
        manifest, Files.readString(manifest).replace("\"schemaVersion\":2", "\"schemaVersion\":3"));

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessageStartingWith(
            "Blob " + written.manifestDigest() + " read from " + manifest + " has digest sha256:");
  }

  @Test
  void picksTheManifestForTheWantedPlatformAndSkipsAttestations() throws IOException {
    WrittenImage amd64 = OciLayoutFixture.writeImage(layout, "amd64", threeLayers().subList(0, 1));
    WrittenImage arm64 = OciLayoutFixture.writeImage(layout, "arm64", threeLayers().subList(1, 2));
    String attestation =
        "{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + arm64.manifestDigest()
            + "\",\"size\":"
            + arm64.manifestSize()
            + ",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}";
    OciLayoutFixture.writeIndex(
        layout, entry(arm64, "arm64", null), entry(amd64, "amd64", null), attestation);

    assertThat(new OciLayoutReader(layout, AMD64).read().configDigest())
        .hasToString(amd64.configDigest());
    assertThat(new OciLayoutReader(layout, Platform.of("linux", "arm64")).read().configDigest())
        .hasToString(arm64.configDigest());
  }

  @Test
  void followsANestedIndexOfAMultiPlatformImage() throws IOException {
    WrittenImage amd64 = OciLayoutFixture.writeImage(layout, "amd64", threeLayers().subList(0, 1));
    WrittenImage arm64 = OciLayoutFixture.writeImage(layout, "arm64", threeLayers().subList(1, 2));
    byte[] nested =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_INDEX
                + "\",\"manifests\":["
                + entry(arm64, "arm64", null)
                + ","
                + entry(amd64, "amd64", null)
                + "]}")
            .getBytes();
    String nestedDigest = OciLayoutFixture.writeBlob(layout, nested);
    OciLayoutFixture.writeIndex(
        layout, OciLayoutFixture.descriptor(MediaTypes.OCI_INDEX, nestedDigest, nested.length));

    assertThat(new OciLayoutReader(layout, AMD64).read().configDigest())
        .hasToString(amd64.configDigest());
  }

  @Test
  void saysWhichPlatformsThereAreWhenNoneFits() throws IOException {
    WrittenImage arm64 = OciLayoutFixture.writeImage(layout, "arm64", threeLayers().subList(0, 1));
    WrittenImage s390x = OciLayoutFixture.writeImage(layout, "s390x", threeLayers().subList(1, 2));
    OciLayoutFixture.writeIndex(layout, entry(arm64, "arm64", null), entry(s390x, "s390x", null));

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            layout
                + " holds 2 image manifests and none for linux/amd64: linux/arm64 "
                + arm64.manifestDigest()
                + ", linux/s390x "
                + s390x.manifestDigest()
                + ". Export the image for linux/amd64 alone (e.g. skopeo copy --override-arch)");
  }

  @Test
  void saysClearlyWhenTwoManifestsFitListingThem() throws IOException {
    WrittenImage first = OciLayoutFixture.writeImage(layout, "amd64", threeLayers().subList(0, 1));
    WrittenImage second = OciLayoutFixture.writeImage(layout, "amd64", threeLayers().subList(1, 2));
    OciLayoutFixture.writeIndex(
        layout, entry(first, "amd64", "app:1"), entry(second, "amd64", "app:2"));

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            layout
                + " holds 2 image manifests for linux/amd64, so which one to use is ambiguous:"
                + " linux/amd64 "
                + first.manifestDigest()
                + " (app:1), linux/amd64 "
                + second.manifestDigest()
                + " (app:2). Keep one image per layout or archive");
  }

  @Test
  void aDirectoryWithoutOciLayoutFileIsNoLayout() throws IOException {
    Files.writeString(layout.resolve("index.json"), "{}");

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            layout
                + " has no oci-layout file, so it is not an OCI image layout: export the image with"
                + " skopeo copy … oci:<dir> or docker buildx --output type=oci");
  }

  @Test
  void aMissingBlobIsNamed() throws IOException {
    WrittenImage written = OciLayoutFixture.writeImage(layout, "amd64", threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, null, null));
    Path config = layout.resolve(Digest.parse(written.configDigest()).layoutPath());
    Files.delete(config);

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            config
                + " does not exist, but the image refers to it: the layout in "
                + layout
                + " is incomplete; export the image again");
  }
}
