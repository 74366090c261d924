package dev.containermatrix.backend.nativeruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.image.Image;
import dev.containermatrix.backend.image.ImageImport;
import dev.containermatrix.backend.image.ImageReaders;
import dev.containermatrix.backend.image.ImageReferences;
import dev.containermatrix.backend.image.TestImages;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.ImageProbeMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native container on a base image: an OCI image layout made here, holding only the C libraries a
 * JDK needs and a marker file, read into the layer store and run with a host JDK bound in. The
 * container sees the image's root, not the host's.
 */
class NativeBaseImageTest {

  @TempDir Path temp;

  @Test
  void aVariantOnAnImageSeesTheImagesRootAndRunsAHostJdkInIt() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "native containers on image layers need root here");
    Path temurin = TestImages.requireTemurin();
    Path layout =
        TestImages.writeJdkRuntimeImage(
            temp.resolve("layout"), temurin, "containermatrix-test-image");
    Image image =
        ImageReaders.of(
                ImageReferences.parse("oci-layout:" + layout, temp), temp.resolve("scratch"))
            .read();
    LayerStore store = LayerStore.open(temp.resolve("store"));
    List<StoredLayer> layers = ImageImport.intoStore(image, store);
    assertThat(ImageImport.intoStore(image, store)).allMatch(l -> !l.built());

    NativeRuntime runtime = new NativeRuntime(NativeTestSupport.rootHost());
    try {
      ContainerSpec spec =
          TestSpecs.imageSpec(
              NativeTestSupport.scratch("image"),
              "image",
              ImageProbeMain.class,
              "oci-layout:" + layout,
              layers,
              temurin,
              "image-variant");
      assertThat(runtime.unsupported(spec)).isEmpty();
      try (ContainerHandle handle = runtime.launch(spec)) {
        assertThat(NativeTestSupport.probeOutput(handle))
            .containsEntry("release", "containermatrix-test-image")
            .containsEntry("host-ls", "false")
            .containsEntry("java", "25")
            .containsEntry("hostname", "image-variant");
      }
    } finally {
      runtime.close();
    }
  }
}
