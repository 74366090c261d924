package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.ContainerRuntimes;
import dev.containermatrix.backend.docker.DockerHost;
import dev.containermatrix.backend.docker.FileTransfer;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.engine.archive.ArchiveMode;
import dev.containermatrix.engine.archive.ReplayRequest;
import dev.containermatrix.engine.expand.VariantFilter;
import dev.containermatrix.engine.progress.ProgressSetting;
import dev.containermatrix.engine.shard.Shard;
import dev.containermatrix.engine.shard.ShardPlan;
import dev.containermatrix.engine.shard.ShardTimings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The {@code containermatrix.*} configuration parameters, parsed once per run.
 *
 * @param baseDirectory the module's base directory: relative paths resolve against it
 * @param archiveBounds how much the archive keeps ({@code containermatrix.archive.keepRuns}, {@code
 *     keepDays}, {@code keepSize})
 * @param classData whether variants start from a class-data archive ({@code
 *     containermatrix.classData=auto})
 * @param dockerHost the engine of the docker backend ({@code containermatrix.docker.host}, else
 *     {@code DOCKER_HOST}, else {@code /var/run/docker.sock})
 * @param shard the shard this run is ({@code containermatrix.shard=k/n}) with the timings it is
 *     balanced by ({@code containermatrix.shard.timings}, read only when a shard is set); empty:
 *     the run is not sharded
 * @param retries when variants run again ({@code containermatrix.retries}, {@code
 *     containermatrix.retries.infra})
 * @param progress the console's progress ({@code containermatrix.progress})
 */
record EngineSettings(
    String backend,
    Optional<VariantFilter> variants,
    int parallelism,
    Path reportDirectory,
    Path baseDirectory,
    Path store,
    int storeUnusedDays,
    ArchiveMode archive,
    Path archiveDirectory,
    ArchiveBounds archiveBounds,
    Optional<ReplayRequest> replay,
    boolean classData,
    DockerHost dockerHost,
    Optional<ShardPlan> shard,
    RetryPolicy retries,
    ProgressSetting progress) {

  static final String BACKEND = "containermatrix.backend";
  static final String VARIANTS = "containermatrix.variants";
  static final String PARALLELISM = "containermatrix.parallelism";
  static final String REPORT_DIR = "containermatrix.report.dir";
  static final String STORE = "containermatrix.store";
  static final String STORE_UNUSED_DAYS = "containermatrix.store.unusedDays";
  static final String ARCHIVE = "containermatrix.archive";
  static final String ARCHIVE_DIR = "containermatrix.archive.dir";
  static final String CLASS_DATA = "containermatrix.classData";

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException for the first bad value, naming its key, the value and what to
   *     set
   */
  static EngineSettings from(ConfigurationParameters parameters) {
    List<IllegalArgumentException> errors = new ArrayList<>();
    EngineSettings settings = read(parameters, errors);
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
    return settings;
  }

  /**
   * Reads the settings, collecting a bad value's error into {@code errors} and using that key's
   * default instead, so that a run with a bad value still has settings to report with (its classes
   * fail with the errors; see {@link ConfigurationError}).
   */
  static EngineSettings read(
      ConfigurationParameters parameters, List<IllegalArgumentException> errors) {
    Path base =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    String backend =
        value(
            errors,
            ContainerRuntimes.AUTO,
            () -> parameters.get(BACKEND).map(String::trim).map(EngineSettings::parseBackend));
    Optional<VariantFilter> variants =
        optional(
            errors,
            () ->
                parameters
                    .get(VARIANTS)
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(VariantFilter::parse));
    int parallelism =
        value(
            errors,
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            () ->
                parameters
                    .get(PARALLELISM)
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(EngineSettings::parseParallelism));
    Path reportDir =
        base.resolve(parameters.get(REPORT_DIR).map(String::trim).orElse("target/containermatrix"));
    Path store =
        value(errors, LayerStore.defaultRoot(), () -> Optional.of(store(parameters, base)));
    int unusedDays =
        value(
            errors,
            30,
            () ->
                parameters
                    .get(STORE_UNUSED_DAYS)
                    .map(String::trim)
                    .filter(x -> !x.isEmpty())
                    .map(
                        text ->
                            positive(
                                STORE_UNUSED_DAYS,
                                text,
                                "the days a layer may go unused before a run removes it, e.g."
                                    + " 30")));
    ArchiveMode archive =
        value(
            errors,
            ArchiveMode.ON,
            () -> parameters.get(ARCHIVE).map(t -> ArchiveMode.parse(ARCHIVE, t)));
    Path archiveDir =
        parameters
            .get(ARCHIVE_DIR)
            .map(String::trim)
            .filter(x -> !x.isEmpty())
            .map(base::resolve)
            .orElseGet(
                () -> Path.of(System.getProperty("user.home"), ".containermatrix", "archive"));
    ArchiveBounds archiveBounds =
        value(errors, ArchiveBounds.defaults(), () -> Optional.of(ArchiveBounds.from(parameters)));
    Optional<ReplayRequest> replay =
        optional(
            errors,
            () -> {
              ReplayRequest.CodeMode code =
                  parameters
                      .get(ReplayRequest.CODE_KEY)
                      .map(ReplayRequest.CodeMode::parse)
                      .orElse(ReplayRequest.CodeMode.CURRENT);
              return parameters
                  .get(ReplayRequest.KEY)
                  .map(String::trim)
                  .filter(x -> !x.isEmpty())
                  .map(text -> ReplayRequest.parse(text, base, archiveDir, code));
            });
    boolean classData =
        value(
            errors,
            true,
            () -> parameters.get(CLASS_DATA).map(String::trim).map(EngineSettings::parseClassData));
    DockerHost dockerHost =
        value(
            errors,
            DockerHost.DEFAULT,
            () ->
                Optional.of(
                    DockerHost.resolve(
                            parameters.get(DockerHost.CONFIGURATION_KEY).orElse(null),
                            System.getenv())
                        .withFiles(
                            FileTransfer.parse(
                                parameters.get(FileTransfer.CONFIGURATION_KEY).orElse(null)))));
    Optional<ShardPlan> shard = optional(errors, () -> shard(parameters, base));
    RetryPolicy retries =
        value(errors, RetryPolicy.defaults(), () -> Optional.of(RetryPolicy.from(parameters)));
    ProgressSetting progress =
        value(
            errors,
            ProgressSetting.auto(),
            () -> parameters.get(ProgressSetting.KEY).map(ProgressSetting::parse));
    return new EngineSettings(
        backend,
        variants,
        parallelism,
        reportDir,
        base,
        store,
        unusedDays,
        archive,
        archiveDir,
        archiveBounds,
        replay,
        classData,
        dockerHost,
        shard,
        retries,
        progress);
  }

  /** {@code containermatrix.shard}, with its timings file resolved against {@code base}. */
  private static Optional<ShardPlan> shard(ConfigurationParameters parameters, Path base) {
    Optional<Shard> shard =
        parameters.get(Shard.KEY).map(String::trim).filter(s -> !s.isEmpty()).map(Shard::parse);
    return shard.map(
        s ->
            new ShardPlan(
                s,
                parameters
                    .get(ShardTimings.KEY)
                    .map(String::trim)
                    .filter(t -> !t.isEmpty())
                    .map(t -> ShardTimings.read(base.resolve(t)))
                    .orElse(ShardTimings.none())));
  }

  /**
   * One key's value as {@code parse} reads it, or {@code fallback} when the key is unset or its
   * value is bad (the error then collected).
   */
  private static <T> T value(
      List<IllegalArgumentException> errors, T fallback, Supplier<Optional<T>> parse) {
    return optional(errors, parse).orElse(fallback);
  }

  /**
   * One key's value as {@code parse} reads it; empty when unset or bad (the error then collected).
   */
  private static <T> Optional<T> optional(
      List<IllegalArgumentException> errors, Supplier<Optional<T>> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      errors.add(e);
      return Optional.empty();
    }
  }

  private static Path store(ConfigurationParameters parameters, Path base) {
    Path store =
        parameters
            .get(STORE)
            .map(String::trim)
            .filter(x -> !x.isEmpty())
            .map(base::resolve)
            .orElseGet(LayerStore::defaultRoot);
    if (store.normalize().startsWith(base.normalize())) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + STORE
              + "='"
              + store
              + "' is inside the module"
              + " directory "
              + base
              + ": a variant sees the module directory through an overlay whose lower layers live"
              + " in the store, and overlayfs refuses a layer inside its own lower directory; put"
              + " the store outside the module (the default is ~/.cache/containermatrix)");
    }
    return store;
  }

  private static boolean parseClassData(String text) {
    return switch (text) {
      case "auto" -> true;
      case "off" -> false;
      default ->
          throw new IllegalArgumentException(
              "Configuration parameter "
                  + CLASS_DATA
                  + "='"
                  + text
                  + "' is not one of auto, off; set it to auto (variants start from a class-data"
                  + " archive where the backend uses layers) or off");
    };
  }

  private static String parseBackend(String text) {
    if (!ContainerRuntimes.NAMES.contains(text)) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + BACKEND
              + "='"
              + text
              + "' names no backend;"
              + " set it to one of "
              + String.join(", ", ContainerRuntimes.NAMES)
              + " (auto picks the best this host runs)");
    }
    return text;
  }

  private static int parseParallelism(String text) {
    return positive(PARALLELISM, text, "the most variants to run at once, e.g. 2");
  }

  /** {@code text} as a positive whole number; empty if it is none. */
  static OptionalInt positiveNumber(String text) {
    try {
      int value = Integer.parseInt(text);
      return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static int positive(String key, String text, String meaning) {
    OptionalInt value = positiveNumber(text);
    if (value.isPresent()) {
      return value.getAsInt();
    }
    throw new IllegalArgumentException(
        "Configuration parameter "
            + key
            + "='"
            + text
            + "' is not a positive whole number; set it to "
            + meaning);
  }
}
