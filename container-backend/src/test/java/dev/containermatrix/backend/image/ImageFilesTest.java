package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path temp;

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Image image(ReproducibleLayer... layers) throws Exception {
    Path layout =
        TestImages.writeUncompressedOciLayout(temp.resolve("layout"), List.of(layers), List.of());
    return new OciLayoutReader(layout).read();
  }

  @Test
  void aFileIsReadFromTheTopMostLayerThatHasIt() throws Exception {
    Image image =
        image(
            ReproducibleLayer.builder()
                .addFile("opt/jdk/release", text("JAVA_VERSION=\"17\""), false)
                .addFile("opt/jdk/bin/java", text("elf"), true)
                .build(),
            ReproducibleLayer.builder()
                .addFile("opt/jdk/release", text("JAVA_VERSION=\"25\""), false)
                .build());

    Map<String, ImageFiles.Entry> files =
        ImageFiles.read(image, Set.of("/opt/jdk/release", "/opt/jdk/bin/java", "/opt/none"));

    assertThat(files.get("/opt/jdk/release").text()).isEqualTo("JAVA_VERSION=\"25\"");
    assertThat(files.get("/opt/jdk/bin/java").regular()).isTrue();
    assertThat(files).doesNotContainKey("/opt/none");
  }

  @Test
  void aWhiteoutOfTheFileOrADirectoryAboveItRemovesIt() throws Exception {
    Image image =
        image(
            ReproducibleLayer.builder()
                .addFile("opt/jdk/release", text("JAVA_VERSION=\"17\""), false)
                .addFile("opt/other/release", text("x"), false)
                .build(),
            ReproducibleLayer.builder()
                .addFile("opt/.wh.jdk", new byte[0], false)
                .addFile("opt/other/.wh.release", new byte[0], false)
                .build());

    assertThat(ImageFiles.read(image, Set.of("/opt/jdk/release", "/opt/other/release"))).isEmpty();
  }

  @Test
  void anOpaqueDirectoryHidesWhatLowerLayersHaveThereButNotItsOwnFiles() throws Exception {
    Image image =
        image(
            ReproducibleLayer.builder()
                .addFile("opt/jdk/release", text("old"), false)
                .addFile("opt/jdk/bin/java", text("elf"), true)
                .build(),
            ReproducibleLayer.builder()
                .addFile("opt/jdk/.wh..wh..opq", new byte[0], false)
                .addFile("opt/jdk/release", text("new"), false)
                .build());

    Map<String, ImageFiles.Entry> files =
        ImageFiles.read(image, Set.of("/opt/jdk/release", "/opt/jdk/bin/java"));

    assertThat(files.get("/opt/jdk/release").text()).isEqualTo("new");
    assertThat(files).doesNotContainKey("/opt/jdk/bin/java");
  }
}
