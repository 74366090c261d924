package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What an archived run was: enough to bring back each variant's environment exactly and to tell
 * what it found. Stored as JSON ({@link RunRecordJson}) beside the run's images in the archive.
 *
 * @param format {@value #FORMAT}; a reader refuses records of a later format
 * @param gitCommit the project's commit when it is a git work tree, with {@code -dirty} when it had
 *     changes
 * @param replayOf the run this one replayed, if it was a replay
 */
@API(status = INTERNAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
    int format,
    String runId,
    String startedAt,
    String finishedAt,
    String backend,
    Host host,
    String projectDirectory,
    @Nullable String gitCommit,
    @Nullable String replayOf,
    List<Matrix> matrices,
    List<Variant> variants) {

  /** The record format this code writes and reads. */
  public static final int FORMAT = 1;

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    matrices = List.copyOf(matrices);
    variants = List.copyOf(variants);
  }

  /** The variants of one test class. */
  public List<Variant> variantsOf(String testClass) {
    return variants.stream().filter(v -> v.testClass().equals(testClass)).toList();
  }

  /** The archived variant under {@code key}. */
  public Optional<Variant> variant(String key) {
    return variants.stream().filter(v -> v.key().equals(key)).findFirst();
  }

  /** The machine the run ran on. */
  public record Host(String kernel, String arch, int cpus, @Nullable Long memoryBytes) {}

  /**
   * How a class's matrix was expanded.
   *
   * @param combinations {@code ALL} or {@code PAIRWISE}
   * @param pairwiseSeed the pairwise generator's seed: it is deterministic (greedy, in axis order),
   *     so 0
   */
  public record Matrix(
      String testClass,
      String source,
      String combinations,
      int pairwiseSeed,
      int variants,
      long fullProduct) {}

  /**
   * One variant's environment and result.
   *
   * @param values axis name to value in matrix order (axes, then include extras), as the original
   *     run named the variant; kept in that order in the record and its JSON, so a replay names its
   *     variants and testcases alike
   * @param key its name in the archive: {@code <test class simple name>.<variant id>}, unique
   *     within the run
   * @param classDirectories the classpath entries that were the module's class directories (the
   *     code, which a replay may swap for today's)
   * @param layers its stack, bottom first; only the {@code export-base} layer is not part of the
   *     variant's own stack (it makes an exported {@code host}-based variant runnable)
   * @param manifestDigest its image manifest in the archive
   */
  public record Variant(
      String key,
      String id,
      String testClass,
      String name,
      @JsonSerialize(using = InsertionOrderMapSerializer.class) Map<String, String> values,
      String base,
      String jdkHome,
      int jdkFeature,
      List<String> classpath,
      List<String> classDirectories,
      List<String> jvmOptions,
      Map<String, String> env,
      Map<String, String> systemProperties,
      Limits limits,
      List<ConfigFile> files,
      List<ArchivedLayer> layers,
      String manifestDigest,
      long timeoutMillis,
      Result result) {
    public Variant {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(id, "id");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      classpath = List.copyOf(classpath);
      classDirectories = List.copyOf(classDirectories);
      jvmOptions = List.copyOf(jvmOptions);
      env = Map.copyOf(env);
      systemProperties = Map.copyOf(systemProperties);
      files = List.copyOf(files);
      layers = List.copyOf(layers);
    }
  }

  /** Resource limits; {@code null} where none was set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Limits(
      @Nullable Double cpus,
      @Nullable Long memoryBytes,
      @Nullable Long pids,
      @Nullable Long nofile,
      @Nullable String cpuset) {

    /** The record's form of {@code limits}: each unset limit {@code null}. */
    static Limits of(ResourceLimits limits) {
      return new Limits(
          limits.cpus().orElse(null),
          boxed(limits.memoryBytes()),
          boxed(limits.pids()),
          boxed(limits.nofile()),
          limits.cpuset().orElse(null));
    }

    private static @Nullable Long boxed(OptionalLong value) {
      return value.isPresent() ? value.getAsLong() : null;
    }
  }

  /**
   * A config file: its target in the variant, its source then, and the sha256 of its content then.
   */
  public record ConfigFile(String target, String source, String sha256) {}

  /**
   * An archived layer: {@code digest} is its blob in the archive, {@code storeDigest} its DiffID in
   * the layer store that ran it (they differ only for layers re-normalized when archived, such as
   * imported base layers).
   */
  public record ArchivedLayer(LayerRole role, String digest, String storeDigest, long sizeBytes) {
    public ArchivedLayer {
      Objects.requireNonNull(role, "role");
    }
  }

  /** The variant's outcome. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      String status,
      @Nullable String reason,
      long passed,
      long failed,
      long skipped,
      long durationMillis) {}
}
