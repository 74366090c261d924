package dev.containermatrix.backend.image;

import static dev.containermatrix.backend.image.OciLayoutFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.image.OciLayoutFixture.WrittenImage;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveReaderTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  @TempDir Path dir;

  @Test
  void readsTheLayoutInsideTheTarInPlace() throws IOException {
    Path layout = Files.createDirectory(dir.resolve("layout"));
    WrittenImage written =
        OciLayoutFixture.writeImage(layout, "amd64", OciLayoutReaderTest.threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, "amd64", "app:1"));
    Path tar = OciLayoutFixture.tarDirectory(layout, dir.resolve("app.tar"), Map.of());

    Image image = new OciArchiveReader(tar, AMD64).read();

    assertThat(image.reference()).isEqualTo("oci-archive:" + tar);
    assertThat(image.configDigest()).hasToString(written.configDigest());
    assertThat(image.layers())
        .extracting(layer -> layer.digest().toString())
        .isEqualTo(written.layerDigests());
    for (int i = 0; i < 3; i++) {
      assertThat(Digest.of(image.layers().get(i).openUncompressed()).toString())
          .isEqualTo(written.diffIds().get(i));
    }
    assertThat(OciLayoutFixture.entries(image.layers().get(1).openUncompressed()))
        .containsExactly(Map.entry("app/app.txt", "v1"));
    assertThat(dir).isDirectoryNotContaining(p -> !p.equals(layout) && !p.equals(tar));
  }

  @Test
  void aTamperedBlobInsideTheTarIsNamedWithTheArchive() throws IOException {
    Path layout = Files.createDirectory(dir.resolve("layout"));
    WrittenImage written =
        OciLayoutFixture.writeImage(layout, "amd64", OciLayoutReaderTest.threeLayers());
    OciLayoutFixture.writeIndex(layout, entry(written, "amd64", null));
    String digest = written.layerDigests().get(2);
    Path blob = layout.resolve(Digest.parse(digest).layoutPath());
    OciLayoutFixture.flipByte(blob, 700);
    String tampered = Digest.of(Files.readAllBytes(blob)).toString();
    Path tar = OciLayoutFixture.tarDirectory(layout, dir.resolve("app.tar"), Map.of());
    Image image = new OciArchiveReader(tar, AMD64).read();

    assertThatThrownBy(() -> Digest.of(image.layers().get(2).open()).toString())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Blob "
                + digest
                + " read from "
                + Digest.parse(digest).layoutPath()
                + " in "
                + tar
                + " has digest "
                + tampered
                + ": the file is corrupt or was changed after the image was written; export the"
                + " image again");
  }

  @Test
  void aFileThatIsNoTarIsNamed() throws IOException {
    Path notTar = Files.writeString(dir.resolve("image.tar"), "not a tar at all, just some text");

    assertThatThrownBy(() -> new OciArchiveReader(notTar, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            notTar
                + " holds no files, so it is not a tar of an image: give the .tar that docker save,"
                + " skopeo or buildx wrote");
  }

  @Test
  void aCompressedTarIsNamedWithHowToDecompressIt() throws IOException {
    Path gzipped =
        Files.write(
            dir.resolve("image.tar.gz"),
            OciLayoutFixture.compress(
                Compression.GZIP, OciLayoutFixture.tar(Map.of("oci-layout", "{}"))));

    assertThatThrownBy(() -> new OciArchiveReader(gzipped, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            gzipped
                + " is GZIP-compressed, not a plain tar: decompress it first (gunzip) and name the"
                + " .tar");
  }

  @Test
  void aMissingArchiveIsNamed() {
    Path missing = dir.resolve("missing.tar");
    assertThatThrownBy(() -> new OciArchiveReader(missing, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(missing + " does not exist: check the image reference's path");
  }
}
