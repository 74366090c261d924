package dev.containermatrix.backend.image;

import static dev.containermatrix.backend.image.OciLayoutFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.image.OciLayoutFixture.WrittenImage;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.MediaTypes;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest or nested index named more than once counts once. */
class ManifestSelectorTest {

  private static final Platform AMD64 = Platform.of("linux", "amd64");

  @TempDir Path layout;

  @Test
  void aManifestTaggedTwiceIsOneImageNotAnAmbiguity() throws IOException {
    WrittenImage image =
        OciLayoutFixture.writeImage(
            layout, "amd64", OciLayoutReaderTest.threeLayers().subList(0, 1));
    OciLayoutFixture.writeIndex(
        layout, entry(image, "amd64", "app:1"), entry(image, "amd64", "app:latest"));

    Descriptor chosen = new ManifestSelector(new DirectoryLayoutFiles(layout), AMD64).select();

    assertThat(chosen.digest()).hasToString(image.manifestDigest());
    assertThat(chosen.label()).isEqualTo("linux/amd64 " + image.manifestDigest() + " (app:1)");
  }

  @Test
  void aNestedIndexNamedTwiceCountsOnce() throws IOException {
    WrittenImage image =
        OciLayoutFixture.writeImage(
            layout, "amd64", OciLayoutReaderTest.threeLayers().subList(0, 1));
    String nested = nestedIndex(entry(image, "amd64", null));
    String outer = nestedIndex(nested, nested);
    OciLayoutFixture.writeIndex(layout, outer, outer);

    Descriptor chosen = new ManifestSelector(new DirectoryLayoutFiles(layout), AMD64).select();

    assertThat(chosen.digest()).hasToString(image.manifestDigest());
  }

  /** Writes an index blob listing {@code entries}; returns a descriptor of it. */
  private String nestedIndex(String... entries) throws IOException {
    byte[] index =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_INDEX
                + "\",\"manifests\":["
                + String.join(",", entries)
                + "]}")
            .getBytes(StandardCharsets.UTF_8);
    return OciLayoutFixture.descriptor(
        MediaTypes.OCI_INDEX, OciLayoutFixture.writeBlob(layout, index), index.length);
  }
}
