package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.archive.ByteSize;
import dev.containermatrix.backend.archive.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * How much the run archive keeps: {@code containermatrix.archive.keepRuns} (default {@value
 * #DEFAULT_KEEP_RUNS}), {@code containermatrix.archive.keepDays} (default none) and {@code
 * containermatrix.archive.keepSize} (default {@value #DEFAULT_KEEP_SIZE}); {@code all} turns a
 * bound off. Applied after each run is archived, through {@link RetentionPolicy}, never removing
 * that run.
 *
 * @param keepRuns how many of the latest runs to keep; empty for no count bound
 * @param keepDays for how many days to keep a run; empty for no age rule
 * @param keepBytes the most the archive's runs may hold; empty for no size bound
 */
record ArchiveBounds(OptionalInt keepRuns, OptionalInt keepDays, OptionalLong keepBytes) {

  static final String KEEP_RUNS = "containermatrix.archive.keepRuns";
  static final String KEEP_DAYS = "containermatrix.archive.keepDays";
  static final String KEEP_SIZE = "containermatrix.archive.keepSize";
  static final int DEFAULT_KEEP_RUNS = 20;
  static final String DEFAULT_KEEP_SIZE = "10GB";

  /** The value of any of the three keys that turns its bound off. */
  static final String ALL = "all";

  ArchiveBounds {
    Objects.requireNonNull(keepRuns, "keepRuns");
    Objects.requireNonNull(keepDays, "keepDays");
    Objects.requireNonNull(keepBytes, "keepBytes");
    if (keepRuns.isPresent() && keepRuns.getAsInt() < 1
        || keepDays.isPresent() && keepDays.getAsInt() < 1
        || keepBytes.isPresent() && keepBytes.getAsLong() < 1) {
      throw new IllegalArgumentException(
          "archive bounds are positive where set, were "
              + keepRuns
              + ", "
              + keepDays
              + " and "
              + keepBytes);
    }
  }

  /** The last 20 runs or 10 GB, whichever is smaller. */
  static ArchiveBounds defaults() {
    return new ArchiveBounds(
        OptionalInt.of(DEFAULT_KEEP_RUNS), OptionalInt.empty(), ByteSize.parse(DEFAULT_KEEP_SIZE));
  }

  /**
   * @throws IllegalArgumentException naming the key, its value and what to set it to
   */
  static ArchiveBounds from(ConfigurationParameters parameters) {
    ArchiveBounds defaults = defaults();
    OptionalInt runs =
        text(parameters, KEEP_RUNS)
            .map(
                t ->
                    count(
                        KEEP_RUNS,
                        t,
                        "how many of the latest archived runs to keep (default "
                            + DEFAULT_KEEP_RUNS
                            + "), or all for no count bound"))
            .orElse(defaults.keepRuns());
    OptionalInt days =
        text(parameters, KEEP_DAYS)
            .map(
                t ->
                    count(
                        KEEP_DAYS,
                        t,
                        "for how many days to keep archived runs, e.g. 90, or all for no age rule"
                            + " (the default)"))
            .orElse(defaults.keepDays());
    OptionalLong bytes =
        text(parameters, KEEP_SIZE).map(ArchiveBounds::size).orElse(defaults.keepBytes());
    return new ArchiveBounds(runs, days, bytes);
  }

  /**
   * The retention to apply right after run {@code runId} was archived: it never removes that run.
   */
  RetentionPolicy policy(String runId) {
    Optional<Duration> keepFor =
        keepDays.isPresent() ? Optional.of(Duration.ofDays(keepDays.getAsInt())) : Optional.empty();
    return new RetentionPolicy(keepRuns, keepFor, keepBytes, Set.of(runId));
  }

  /** E.g. "the last 20 runs or 10.0 GiB, whichever is smaller". */
  String describe() {
    String kept;
    if (keepRuns.isPresent() && keepDays.isPresent()) {
      kept =
          "the last "
              + keepRuns.getAsInt()
              + " runs and any others of the last "
              + keepDays.getAsInt()
              + " days";
    } else if (keepRuns.isPresent()) {
      kept = "the last " + keepRuns.getAsInt() + " runs";
    } else if (keepDays.isPresent()) {
      kept = "the runs of the last " + keepDays.getAsInt() + " days";
    } else {
      kept = null;
    }
    if (keepBytes.isEmpty()) {
      return kept == null ? "every run (no bound)" : kept;
    }
    String size = ByteSize.format(keepBytes.getAsLong());
    return kept == null
        ? "as many of the latest runs as fit in " + size
        : kept + " or " + size + ", whichever is smaller";
  }

  /**
   * The console line after a run was archived, e.g. "[container-matrix] archive
   * /home/u/.containermatrix/archive holds 20 runs, 3.1 GiB (retention removed 1 older run); it
   * keeps the last 20 runs or 10.0 GiB, whichever is smaller; change that with
   * containermatrix.archive.keepRuns, keepDays and keepSize (a number, a size such as 5GB, or all
   * for no bound)".
   */
  String consoleLine(Path directory, int runs, long bytes, int removedRuns) {
    return String.format(
        Locale.ROOT,
        "[container-matrix] archive %s holds %d run%s, %s%s; it keeps %s; change that"
            + " with %s, %s and %s (a number, a size such as 5GB, or %s for no bound)",
        directory,
        runs,
        runs == 1 ? "" : "s",
        ByteSize.format(bytes),
        removedRuns == 0
            ? ""
            : " (retention removed " + removedRuns + " older run" + (removedRuns == 1 ? ")" : "s)"),
        describe(),
        KEEP_RUNS,
        KEEP_DAYS,
        KEEP_SIZE,
        ALL);
  }

  private static Optional<String> text(ConfigurationParameters parameters, String key) {
    return parameters.get(key).map(String::trim).filter(x -> !x.isEmpty());
  }

  private static OptionalInt count(String key, String text, String meaning) {
    if (text.equalsIgnoreCase(ALL)) {
      return OptionalInt.empty();
    }
    OptionalInt value = EngineSettings.positiveNumber(text);
    if (value.isPresent()) {
      return value;
    }
    throw new IllegalArgumentException(
        "Configuration parameter "
            + key
            + "='"
            + text
            + "' is not a positive whole number or all; set it to "
            + meaning);
  }

  private static OptionalLong size(String text) {
    if (text.equalsIgnoreCase(ALL)) {
      return OptionalLong.empty();
    }
    OptionalLong bytes = ByteSize.parse(text);
    if (bytes.isEmpty()) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + KEEP_SIZE
              + "='"
              + text
              + "' is not a size (a positive whole number and KB, MB, GB or TB, e.g. 500MB) or all;"
              + " set it to the most the archive may hold, e.g. "
              + DEFAULT_KEEP_SIZE
              + " (the default), or all for no size bound");
    }
    return bytes;
  }
}
