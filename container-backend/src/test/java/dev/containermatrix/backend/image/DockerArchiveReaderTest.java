package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.image.OciLayoutFixture.LayerSpec;
import dev.containermatrix.backend.image.OciLayoutFixture.WrittenImage;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made archives in the shapes that Docker 25+, older Docker and Jib write; real ones are in
 * {@link DockerEngineImagesTest}.
 */
class DockerArchiveReaderTest {

  @TempDir Path dir;

  private static final List<LayerSpec> PLAIN_LAYERS =
      List.of(
          new LayerSpec(Compression.NONE, Map.of("hello.txt", "base file")),
          new LayerSpec(Compression.NONE, Map.of("app/app.txt", "v1")));

  @Test
  void readsTheDocker25ShapeWhoseLayersAreBlobsOfAnEmbeddedOciLayout() throws IOException {
    Path content = Files.createDirectory(dir.resolve("content"));
    WrittenImage written = OciLayoutFixture.writeImage(content, "amd64", PLAIN_LAYERS);
    OciLayoutFixture.writeIndex(content, OciLayoutFixture.entry(written, null, "cmtest/app:1"));
    Files.writeString(
        content.resolve("manifest.json"),
        "[{\"Config\":\""
            + Digest.parse(written.configDigest()).layoutPath()
            + "\",\"RepoTags\":[\"cmtest/app:1\"],\"Layers\":["
            + written.layerDigests().stream()
                .map(d -> "\"" + Digest.parse(d).layoutPath() + "\"")
                .collect(Collectors.joining(","))
            + "],\"LayerSources\":{}}]");
    Path tar = OciLayoutFixture.tarDirectory(content, dir.resolve("app.tar"), Map.of());

    Image image = new DockerArchiveReader(tar).read();

    assertThat(image.reference()).isEqualTo("docker-archive:" + tar);
    assertThat(image.configDigest()).hasToString(written.configDigest());
    assertThat(image.layers())
        .extracting(layer -> layer.digest().toString())
        .isEqualTo(written.layerDigests());
    assertThat(image.layers())
        .extracting(ImageLayerBlob::mediaType)
        .containsOnly("application/vnd.oci.image.layer.v1.tar");
    assertThat(OciLayoutFixture.entries(image.layers().get(1).openUncompressed()))
        .containsExactly(Map.entry("app/app.txt", "v1"));
    assertThat(new OciArchiveReader(tar, Platform.of("linux", "amd64")).read().layers())
        .as("the same archive read as oci-archive")
        .extracting(layer -> layer.digest().toString())
        .isEqualTo(written.layerDigests());
  }

  @Test
  void readsTheOldShapeFollowingSymlinkedLayers() throws IOException {
    Path content = Files.createDirectory(dir.resolve("content"));
    byte[] layer = OciLayoutFixture.tar(Map.of("hello.txt", "base file"));
    String diffId = Digest.of(layer).toString();
    Files.createDirectory(content.resolve("aaa"));
    Files.write(content.resolve("aaa/layer.tar"), layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":null},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId
                + "\",\""
                + diffId
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configHex = Digest.of(config).toString().substring(7);
    Files.write(content.resolve(configHex + ".json"), config);
    Files.writeString(
        content.resolve("manifest.json"),
        "[{\"Config\":\""
            + configHex
            + ".json\",\"RepoTags\":null,"
            + "\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}]");
    Path tar =
        OciLayoutFixture.tarDirectory(
            content, dir.resolve("old.tar"), Map.of("bbb/layer.tar", "../aaa/layer.tar"));

    Image image = new DockerArchiveReader(tar).read();

    assertThat(image.config())
        .isEqualTo(
            ImageConfig.of(
                "linux", "amd64", List.of(), List.of(Digest.parse(diffId), Digest.parse(diffId))));
    assertThat(image.layers())
        .extracting(blob -> blob.digest().toString())
        .containsExactly(diffId, diffId);
    assertThat(Digest.of(image.layers().get(1).openUncompressed()).toString()).isEqualTo(diffId);
  }

  @Test
  void computesTheStoredDigestOfACompressedLayerNotNamedByIt() throws IOException {
    Path content = Files.createDirectory(dir.resolve("content"));
    byte[] layer = OciLayoutFixture.tar(Map.of("hello.txt", "base file"));
    byte[] gzipped = OciLayoutFixture.compress(Compression.GZIP, layer);
    Files.write(content.resolve("layer-one.tar.gz"), gzipped);
    Files.writeString(
        content.resolve("config.json"),
        "{\"architecture\":\"arm64\",\"os\":\"linux\","
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + Digest.of(layer).toString()
            + "\"]}}");
    Files.writeString(
        content.resolve("manifest.json"),
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"jib/app\"],\"Layers\":[\"layer-one.tar.gz\"]}]");
    Path tar = OciLayoutFixture.tarDirectory(content, dir.resolve("jib.tar"), Map.of());

    ImageLayerBlob blob = new DockerArchiveReader(tar).read().layers().get(0);

    assertThat(blob)
        .extracting(ImageLayerBlob::digest, ImageLayerBlob::compression, ImageLayerBlob::size)
        .containsExactly(Digest.of(gzipped), Compression.GZIP, (long) gzipped.length);
    assertThat(Digest.of(blob.openUncompressed()).toString())
        .isEqualTo(Digest.of(layer).toString());
  }

  @Test
  void anArchiveOfSeveralImagesIsAmbiguousNamingTheirTags() throws IOException {
    Path content = Files.createDirectory(dir.resolve("content"));
    Files.writeString(
        content.resolve("manifest.json"),
        "[{\"Config\":\"a.json\",\"RepoTags\":[\"app:1\"],\"Layers\":[]},"
            + "{\"Config\":\"b.json\",\"RepoTags\":[\"app:2\",\"app:latest\"],\"Layers\":[]}]");
    Path tar = OciLayoutFixture.tarDirectory(content, dir.resolve("two.tar"), Map.of());

    assertThatThrownBy(() -> new DockerArchiveReader(tar).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            tar
                + " holds 2 images [[app:1], [app:2, app:latest]], so which one to use is"
                + " ambiguous: save one image per archive (docker save -o <tar> <name>)");
  }

  @Test
  void anOciArchiveIsNoDockerArchiveAndSaysWhichReferenceToUse() throws IOException {
    Path content = Files.createDirectory(dir.resolve("content"));
    WrittenImage written = OciLayoutFixture.writeImage(content, "amd64", PLAIN_LAYERS);
    OciLayoutFixture.writeIndex(content, OciLayoutFixture.entry(written, null, null));
    Path tar = OciLayoutFixture.tarDirectory(content, dir.resolve("oci.tar"), Map.of());

    assertThatThrownBy(() -> new DockerArchiveReader(tar).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            tar
                + " has no manifest.json, so it is not a docker save archive (it is an OCI archive:"
                + " use oci-archive:): export the image with docker save -o <tar> <name>");
  }
}
