package dev.containermatrix.backend.image;

import static dev.containermatrix.backend.image.OciLayoutFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.image.OciLayoutFixture.LayerBlob;
import dev.containermatrix.backend.image.OciLayoutFixture.LayerSpec;
import dev.containermatrix.backend.image.OciLayoutFixture.WrittenImage;
import dev.containermatrix.backend.layers.LayerLimits;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.LayerStoreException;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images are untrusted input: bombs, and layouts whose blobs are links or FIFOs. */
class UntrustedImageTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64");
  private static final int MIB = 1 << 20;

  @TempDir Path temp;

  @Test
  void aGzipBombEndsAtTheLayerLimitWithoutFillingTheDisk() throws Exception {
    Path layout = temp.resolve("layout");
    LayerBlob bomb = gzipOfZeros(64L * MIB);
    assertThat(bomb.stored().length).as("a bomb: tiny compressed").isLessThan(MIB / 8);
    WrittenImage written = OciLayoutFixture.writeImageOfBlobs(layout, "amd64", List.of(bomb));
    OciLayoutFixture.writeIndex(layout, entry(written, null, null));
    Image image = new OciLayoutReader(layout, AMD64).read();
    LayerStore store = LayerStore.open(temp.resolve("store"), new LayerLimits(MIB, 1000));

    assertThatThrownBy(() -> ImageImport.intoStore(image, store))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "layer "
                + bomb.diffId()
                + " exceeds 1 MiB uncompressed: refusing it (a decompression bomb or a"
                + " corrupt image?); nothing of it was stored");
    assertThat(store.root().resolve("layers/sha256")).isEmptyDirectory();
    assertThat(store.root().resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void aBlobThatIsASymlinkIsRefused() throws Exception {
    Path layout = temp.resolve("layout");
    WrittenImage written = oneLayerImage(layout);
    Path blob = layout.resolve(Digest.parse(written.layerDigests().get(0)).layoutPath());
    Path elsewhere = Files.move(blob, temp.resolve("elsewhere"));
    Files.createSymbolicLink(blob, elsewhere);
    Image image = new OciLayoutReader(layout, AMD64).read();

    assertThatThrownBy(() -> image.layers().get(0).openUncompressed())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            blob
                + " is a symbolic link, not a regular file: every file of an image layout must be"
                + " one, so the layout in "
                + layout
                + " is damaged or hostile; export the image again (copying it with cp -L if"
                + " it was assembled from links)");
  }

  @Test
  void aBlobThatIsAFifoIsRefusedWithoutBlockingTheReader() throws Exception {
    Path layout = temp.resolve("layout");
    WrittenImage written = oneLayerImage(layout);
    Path config = layout.resolve(Digest.parse(written.configDigest()).layoutPath());
    Files.delete(config);
    assertThat(new ProcessBuilder("mkfifo", config.toString()).start().waitFor()).isZero();

    assertThatThrownBy(() -> new OciLayoutReader(layout, AMD64).read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            config
                + " is a FIFO, not a regular file: every file of an image layout must be one, so"
                + " the layout in "
                + layout
                + " is damaged or hostile; export the image again (copying it with cp -L if it"
                + " was assembled from links)");
  }

  @Test
  void anImageArchiveThatIsAFifoIsRefusedWithoutBlockingTheReader() throws Exception {
    Path fifo = temp.resolve("image.tar");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertThatThrownBy(
            () ->
                ImageReaders.of(
                        ImageReferences.parse("oci-archive:" + fifo, temp), temp.resolve("scratch"))
                    .read())
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            fifo
                + " is not a regular file (a directory, FIFO, socket or device): name the .tar that"
                + " docker save, skopeo or buildx wrote");
  }

  private static WrittenImage oneLayerImage(Path layout) throws IOException {
    WrittenImage written =
        OciLayoutFixture.writeImage(
            layout, "amd64", List.of(new LayerSpec(Compression.GZIP, Map.of("a.txt", "a"))));
    OciLayoutFixture.writeIndex(layout, entry(written, null, null));
    return written;
  }

  /**
   * A gzip'd tar holding one file of {@code size} zero bytes, written without holding it in memory.
   */
  private static LayerBlob gzipOfZeros(long size) throws IOException {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    MessageDigest sha256 = sha256();
    try (OutputStream gzip = new GZIPOutputStream(stored, 64 * 1024);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new DigestOutputStream(gzip, sha256))) {
      TarArchiveEntry entry = new TarArchiveEntry("zeros");
      entry.setSize(size);
      tar.putArchiveEntry(entry);
      byte[] zeros = new byte[MIB];
      for (long written = 0; written < size; written += zeros.length) {
        tar.write(zeros, 0, (int) Math.min(zeros.length, size - written));
      }
      tar.closeArchiveEntry();
    }
    return new LayerBlob(
        Compression.GZIP,
        stored.toByteArray(),
        "sha256:" + HexFormat.of().formatHex(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
