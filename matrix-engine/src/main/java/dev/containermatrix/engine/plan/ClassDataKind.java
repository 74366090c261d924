package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The kind of class-data archive a JDK can start from: on JDK 24 and later the AOT cache, on JDK 13
 * to 23 a dynamic AppCDS archive. JDKs before 13 have no dynamic archive and get none.
 */
@API(status = INTERNAL, since = "0.1")
public enum ClassDataKind {
  /**
   * A dynamic AppCDS archive: {@code -XX:ArchiveClassesAtExit} once, then {@code
   * -XX:SharedArchiveFile}.
   */
  APP_CDS("AppCDS archive", "jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),
  /** The AOT cache (JEP 483/514): {@code -XX:AOTCacheOutput} once, then {@code -XX:AOTCache}. */
  AOT_CACHE("AOT cache", "aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

  private final String description;
  private final String extension;
  private final String trainingOption;
  private final String useOption;

  ClassDataKind(String description, String extension, String trainingOption, String useOption) {
    this.description = description;
    this.extension = extension;
    this.trainingOption = trainingOption;
    this.useOption = useOption;
  }

  /** The kind for a JDK of feature version {@code feature}; empty before 13. */
  public static Optional<ClassDataKind> forFeature(int feature) {
    if (feature >= 24) {
      return Optional.of(AOT_CACHE);
    }
    return feature >= 13 ? Optional.of(APP_CDS) : Optional.empty();
  }

  /** In words, for reports: {@code AOT cache}, {@code AppCDS archive}. */
  public String description() {
    return description;
  }

  /** The archive file's extension, without the dot. */
  public String extension() {
    return extension;
  }

  /**
   * The option that makes a training JVM write the archive to {@code file} (as the JVM sees it).
   */
  public String trainingOption(String file) {
    return trainingOption + file;
  }

  /** The option that makes a JVM start from the archive at {@code file} (as the JVM sees it). */
  public String useOption(String file) {
    return useOption + file;
  }

  /**
   * {@code jvmOptions} as this kind accepts them: the AOT cache options refuse to be combined with
   * any {@code -Xshare:} option (the JVM exits with "Option AOTCache cannot be used at the same
   * time with -Xshare:on, -Xshare:auto, ..."), so those are dropped; a cache that does not match is
   * then ignored as {@code -Xshare:auto} would. AppCDS keeps them all.
   */
  public List<String> compatibleOptions(List<String> jvmOptions) {
    return this == AOT_CACHE
        ? jvmOptions.stream().filter(o -> !o.startsWith("-Xshare:")).toList()
        : List.copyOf(jvmOptions);
  }
}
