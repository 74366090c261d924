package dev.containermatrix.examples.classdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each variant's JVM starts from the class-data archive of its JDK and the class's shared jars: the
 * AOT cache on JDK 25, a dynamic AppCDS archive on JDK 17, trained on first use and kept in the
 * layer store. Checked from inside: the JVM got the option, and the archive file is mapped into its
 * memory (the JVM maps an archive only when it accepted it; one that does not match is ignored).
 */
@ContainerMatrix(timeout = "5m")
@JdkAxis({"17", "25"})
class ClassDataMatrixTest {
  private static final String ARCHIVES = "/opt/containermatrix/class-data/";

  @Test
  void startsWithTheArchiveOptionOfItsJdk() {
    String option = Runtime.version().feature() >= 24 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(arguments).anySatisfy(argument -> assertThat(argument).startsWith(option + ARCHIVES));
  }

  @Test
  void hasTheArchiveMappedIntoItsMemory() throws Exception {
    String extension = Runtime.version().feature() >= 24 ? ".aot" : ".jsa";
    assertThat(Files.readAllLines(Path.of("/proc/self/maps")))
        .anySatisfy(line -> assertThat(line).contains(ARCHIVES).endsWith(extension));
  }

  @Test
  void findsTheArchiveInItsStack() {
    try (var archives = listArchives()) {
      assertThat(archives).hasSize(1);
    }
  }

  private static java.util.stream.Stream<Path> listArchives() {
    try {
      return Files.list(Path.of(ARCHIVES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
