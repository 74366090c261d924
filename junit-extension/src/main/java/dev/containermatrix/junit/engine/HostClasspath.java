package dev.containermatrix.junit.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test classpath variants start from: the host JVM's {@code java.class.path} (Surefire puts the
 * real test classpath there even with its manifest-only booter jar), without Surefire's own jars.
 */
final class HostClasspath {
  private HostClasspath() {}

  static List<Path> read() {
    return parse(System.getProperty("java.class.path", ""));
  }

  static List<Path> parse(String classPath) {
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath();
      String name = path.getFileName().toString();
      boolean surefire = name.startsWith("surefire") || path.toString().contains("/org/apache/maven/surefire/");
      if (!surefire && Files.exists(path)) {
        entries.add(path);
      }
    }
    return entries;
  }
}
