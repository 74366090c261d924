package dev.containermatrix.engine.plan;

import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Real files for plan tests: a JDK-shaped directory, jars, and variants of a one-axis matrix. */
final class Plans {
  static final MatrixDefinition MATRIX =
      new MatrixDefinition(
          "test matrix",
          "host",
          List.of(Axis.Library.of("g:lib", "lib", List.of("a", "b", "c"), new Origin("axis lib"))),
          List.of(),
          List.of(),
          new Strategy(Strategy.Combinations.ALL, false, 0, Strategy.DEFAULT_TIMEOUT));

  private Plans() {}

  static VariantDefinition variant(String lib) {
    return VariantDefinition.of(MATRIX, Map.of("lib", lib));
  }

  /** A directory shaped like a JDK home: {@code release} and {@code bin/java}. */
  static Path jdkHome(Path dir, String version) throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Files.writeString(dir.resolve("bin/java"), "#!/bin/sh\n");
    return dir;
  }

  static Path file(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  static VariantPlan plan(
      VariantDefinition variant,
      Path jdkHome,
      int feature,
      List<Path> classpath,
      List<VariantPlan.PlannedFile> files) {
    return VariantPlan.of(
        "com.example.SomeTest", variant, jdkHome, feature, classpath, List.of(), files);
  }

  /** Where a host path is inside a layer that holds files at their host paths. */
  static Path inLayer(PlannedLayer layer, Path hostPath) {
    return layer.directory().resolve(hostPath.toAbsolutePath().normalize().toString().substring(1));
  }
}
