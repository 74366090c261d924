package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageLayerBlobTest {

  @Test
  void mediaTypesOfOciAndDockerLayersNameTheirCompression() {
    assertThat(Compression.ofMediaType("application/vnd.oci.image.layer.v1.tar"))
        .isEqualTo(Compression.NONE);
    assertThat(Compression.ofMediaType("application/vnd.oci.image.layer.v1.tar+gzip"))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.ofMediaType("application/vnd.oci.image.layer.v1.tar+zstd"))
        .isEqualTo(Compression.ZSTD);
    assertThat(
            Compression.ofMediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.ofMediaType("application/vnd.docker.image.rootfs.diff.tar"))
        .isEqualTo(Compression.NONE);
    assertThat(Compression.ofMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip"))
        .isEqualTo(Compression.GZIP);
  }

  @Test
  void rejectsAMediaTypeThatIsNoTarLayer() {
    assertThatThrownBy(() -> Compression.ofMediaType("application/vnd.in-toto+json"))
        .hasMessage(
            "Layer media type \"application/vnd.in-toto+json\" is not a tar, tar+gzip or tar+zstd"
                + " layer: convert the image's layers to one of these (e.g. skopeo copy"
                + " --dest-compress-format gzip)");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void opensTheUncompressedTarWhoseDigestIsTheDiffId(Compression compression) throws IOException {
    byte[] tar = OciLayoutFixture.tar(Map.of("etc/.wh.old.conf", "", "app/app.txt", "v2"));
    byte[] stored = OciLayoutFixture.compress(compression, tar);
    ImageLayerBlob blob =
        new ImageLayerBlob(
            Digest.of(stored),
            compression.ociMediaType(),
            stored.length,
            compression,
            () -> new ByteArrayInputStream(stored));

    assertThat(Digest.of(blob.openUncompressed()).toString()).isEqualTo(Digest.of(tar).toString());
    assertThat(OciLayoutFixture.entries(blob.openUncompressed()))
        .as("whiteouts pass through unchanged")
        .containsEntry("etc/.wh.old.conf", "")
        .containsEntry("app/app.txt", "v2");
    assertThat(Compression.ofMagic(blob.open().readNBytes(4))).isEqualTo(compression);
  }

  @Test
  void aBlobWhoseBytesAreNotItsCompressionFailsNamingTheLayer() {
    byte[] notGzip = "plain text".getBytes();
    Digest digest = Digest.of(notGzip);
    ImageLayerBlob blob =
        new ImageLayerBlob(
            digest,
            Compression.GZIP.ociMediaType(),
            notGzip.length,
            Compression.GZIP,
            () -> new ByteArrayInputStream(notGzip));

    assertThatThrownBy(blob::openUncompressed)
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Layer "
                + digest
                + " is not valid GZIP data (Not in GZIP format): its media type"
                + " application/vnd.oci.image.layer.v1.tar+gzip does not match its bytes; export"
                + " the image again");
  }
}
