package dev.containermatrix.examples.classdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.Variant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each variant's JVM starts from the class-data archive of its JDK and the class's shared jars: the
 * AOT cache on JDK 25, a dynamic AppCDS archive on JDK 17, trained on first use and kept in the
 * layer store. Checked from inside: the JVM got the option, the archive is in its filesystem, and
 * the archive file is mapped into its memory (the JVM maps an archive only when it accepted it; one
 * that does not match is ignored). Only the native backend uses layers, so on the process backend
 * (a variant whose hostname is not its id) the tests are skipped.
 */
@ContainerMatrix(timeout = "5m")
@JdkAxis({"17", "25"})
class ClassDataMatrixTest {
  private static final String ARCHIVES = "/opt/containermatrix/class-data/";
  private static final String WHY =
      "the variant's classData report entry says why it has no archive";

  @BeforeEach
  void requireANativeContainer(Variant variant) throws IOException {
    assumeTrue(
        InetAddress.getLocalHost().getHostName().equals(variant.id()),
        "class-data archives need the native backend (this variant's hostname is not its id)");
  }

  @Test
  void startsWithTheArchiveOptionOfItsJdk() {
    String option = Runtime.version().feature() >= 24 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(arguments)
        .as(WHY)
        .anySatisfy(argument -> assertThat(argument).startsWith(option + ARCHIVES));
  }

  @Test
  void hasExactlyOneArchiveInItsFilesystem() throws IOException {
    assertThat(Path.of(ARCHIVES)).as(WHY).isDirectory();
    try (Stream<Path> archives = Files.list(Path.of(ARCHIVES))) {
      assertThat(archives).hasSize(1);
    }
  }

  @Test
  void hasTheArchiveMappedIntoItsMemory() throws IOException {
    String extension = Runtime.version().feature() >= 24 ? ".aot" : ".jsa";
    assertThat(Files.readAllLines(Path.of("/proc/self/maps")))
        .as(
            "the JVM mapped its archive; it ignores one that does not match its JDK, classpath or"
                + " options")
        .anySatisfy(line -> assertThat(line).contains(ARCHIVES).endsWith(extension));
  }
}
