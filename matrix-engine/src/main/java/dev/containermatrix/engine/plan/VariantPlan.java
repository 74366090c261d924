package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.expand.VariantDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A variant made concrete for this host: which JDK runs it, its classpath, and its config files'
 * sources on disk.
 *
 * @param testClass the matrix class's binary name
 * @param jdkHome the JDK's home directory
 * @param jdkFeature the JDK's feature version, e.g. 25
 * @param classpath the variant's classpath, in order
 * @param replaced what the library axes changed, e.g. {@code com.x:y 2.23.0 -> 2.21.3}
 * @param files config files: host source and absolute target inside the variant
 */
@API(status = INTERNAL, since = "0.1")
public record VariantPlan(
    String testClass,
    VariantDefinition variant,
    Path jdkHome,
    int jdkFeature,
    List<Path> classpath,
    List<String> replaced,
    List<PlannedFile> files) {

  public VariantPlan {
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(jdkHome, "jdkHome");
    classpath = List.copyOf(classpath);
    replaced = List.copyOf(replaced);
    files = List.copyOf(files);
  }

  /** A config file: where it is on the host, and where the variant sees it. */
  public record PlannedFile(Path source, String target) {
    public PlannedFile {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }
}
