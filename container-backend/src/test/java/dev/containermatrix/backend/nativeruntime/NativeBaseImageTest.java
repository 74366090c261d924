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
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.testmains.ImageProbeMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import dev.containermatrix.backend.testmains.VersionMain;
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

  @Test
  void aJdkInsideTheImageRunsEvenWhereTheHostHasAJdkAtTheSamePath() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "native containers on image layers need root here");
    Path temurin = TestImages.requireTemurin();
    Path hostJdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    HostRequirements.require(
        java.nio.file.Files.isDirectory(hostJdk17), "the host has no JDK 17 at " + hostJdk17);
    Path layout =
        TestImages.writeImageWithJdk(
            temp.resolve("layout"), temurin, hostJdk17.toString(), List.of());
    Image image =
        ImageReaders.of(
                ImageReferences.parse("oci-layout:" + layout, temp), temp.resolve("scratch"))
            .read();
    List<StoredLayer> layers = ImageImport.intoStore(image, LayerStore.open(temp.resolve("store")));

    NativeRuntime runtime = new NativeRuntime(NativeTestSupport.rootHost());
    try {
      ContainerSpec onImage =
          TestSpecs.imageSpec(
              NativeTestSupport.scratch("jdk-image"),
              "jdk-image",
              VersionMain.class,
              "oci-layout:" + layout,
              layers,
              hostJdk17,
              "jdk-image");
      ContainerSpec spec =
          onImage.withCommand(
              new JvmCommand(
                  hostJdk17,
                  onImage.command().classpath(),
                  onImage.command().jvmOptions(),
                  onImage.command().mainClass(),
                  List.of(),
                  true));
      assertThat(runtime.unsupported(spec)).isEmpty();
      try (ContainerHandle handle = runtime.launch(spec)) {
        assertThat(NativeTestSupport.probeOutput(handle))
            .as("the image's Temurin 25 at that path, not the host's JDK 17 bound over it")
            .containsEntry("java.home", hostJdk17.toString())
            .containsEntry("feature", "25");
      }
    } finally {
      runtime.close();
    }
  }
}
