package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.expand.VariantFilter;
import java.nio.file.Path;
import java.util.Optional;
import dev.containermatrix.engine.archive.ArchiveMode;
import dev.containermatrix.engine.archive.ReplayRequest;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The {@code containermatrix.*} configuration parameters, parsed once per run.
 *
 * @param baseDirectory the module's base directory: relative paths resolve against it
 * @param archiveBounds how much the archive keeps ({@code containermatrix.archive.keepRuns}, {@code keepDays},
 *     {@code keepSize})
 * @param classData whether variants start from a class-data archive ({@code containermatrix.classData=auto})
 */
record EngineSettings(
    String backend, Optional<VariantFilter> variants, int parallelism, Path reportDirectory, Path baseDirectory,
    Path store,
    int storeUnusedDays,
    ArchiveMode archive,
    Path archiveDirectory,
    ArchiveBounds archiveBounds,
    Optional<ReplayRequest> replay,
    boolean classData) {

  static final String BACKEND = "containermatrix.backend";
  static final String VARIANTS = "containermatrix.variants";
  static final String PARALLELISM = "containermatrix.parallelism";
  static final String REPORT_DIR = "containermatrix.report.dir";
  static final String STORE = "containermatrix.store";
  static final String STORE_UNUSED_DAYS = "containermatrix.store.unusedDays";
  static final String ARCHIVE = "containermatrix.archive";
  static final String ARCHIVE_DIR = "containermatrix.archive.dir";
  static final String CLASS_DATA = "containermatrix.classData";

  static EngineSettings from(ConfigurationParameters parameters) {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    String backend = parameters.get(BACKEND).map(String::trim).orElse("auto");
    Optional<VariantFilter> variants =
        parameters.get(VARIANTS).map(String::trim).filter(s -> !s.isEmpty()).map(VariantFilter::parse);
    int parallelism =
        parameters.get(PARALLELISM).map(String::trim).filter(s -> !s.isEmpty())
            .map(EngineSettings::parseParallelism)
            .orElseGet(() -> Math.max(1, Runtime.getRuntime().availableProcessors()));
    Path reportDir = base.resolve(parameters.get(REPORT_DIR).map(String::trim).orElse("target/containermatrix"));
    Path store = parameters.get(STORE).map(String::trim).filter(x -> !x.isEmpty()).map(base::resolve)
        .orElseGet(dev.containermatrix.backend.layers.LayerStore::defaultRoot);
    if (store.normalize().startsWith(base.normalize())) {
      throw new IllegalArgumentException("Configuration parameter " + STORE + "='" + store + "' is inside the module"
          + " directory " + base + ": a variant sees the module directory through an overlay whose lower layers"
          + " live in the store, and overlayfs refuses a layer inside its own lower directory; put the store"
          + " outside the module (the default is ~/.cache/containermatrix)");
    }
    int unusedDays = parameters.get(STORE_UNUSED_DAYS).map(String::trim).filter(x -> !x.isEmpty())
        .map(text -> positive(STORE_UNUSED_DAYS, text, "the days a layer may go unused before a run removes it, e.g. 30"))
        .orElse(30);
    ArchiveMode archive = parameters.get(ARCHIVE).map(t -> ArchiveMode.parse(ARCHIVE, t)).orElse(ArchiveMode.ON);
    Path archiveDir = parameters.get(ARCHIVE_DIR).map(String::trim).filter(x -> !x.isEmpty()).map(base::resolve)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".containermatrix", "archive"));
    ArchiveBounds archiveBounds = ArchiveBounds.from(parameters);
    ReplayRequest.CodeMode code = parameters.get(ReplayRequest.CODE_KEY).map(ReplayRequest.CodeMode::parse)
        .orElse(ReplayRequest.CodeMode.CURRENT);
    Optional<ReplayRequest> replay = parameters.get(ReplayRequest.KEY).map(String::trim).filter(x -> !x.isEmpty())
        .map(text -> ReplayRequest.parse(text, base, archiveDir, code));
    boolean classData = parameters.get(CLASS_DATA).map(String::trim).map(EngineSettings::parseClassData).orElse(true);
    return new EngineSettings(backend, variants, parallelism, reportDir, base, store, unusedDays, archive, archiveDir,
        archiveBounds, replay, classData);
  }

  private static boolean parseClassData(String text) {
    return switch (text) {
      case "auto" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("Configuration parameter " + CLASS_DATA + "='" + text
          + "' is not one of auto, off; set it to auto (variants start from a class-data archive where the backend"
          + " uses layers) or off");
    };
  }

  private static int parseParallelism(String text) {
    return positive(PARALLELISM, text, "the most variants to run at once, e.g. 2");
  }

  private static int positive(String key, String text, String meaning) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "Configuration parameter " + key + "='" + text + "' is not a positive whole number; set it to " + meaning);
  }
}
