package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.expand.VariantFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code containermatrix.replay=<run id or path>[#variant-filter]}: which archived run to replay,
 * and which of its variants.
 *
 * @param runId the run's id, when one was given
 * @param archiveDirectory the archive holding the run: a given path, or else {@code
 *     containermatrix.archive.dir}
 * @param filter which variants, as {@code containermatrix.variants} reads it ({@code
 *     jdk=17,tz=utc}), or by variant id ({@code 0123456789ab})
 */
@API(status = INTERNAL, since = "0.1")
public record ReplayRequest(
    Optional<String> runId, Path archiveDirectory, Optional<VariantFilter> filter, CodeMode code) {
  public static final String KEY = "containermatrix.replay";
  public static final String CODE_KEY = "containermatrix.replay.code";

  /** Which test classes a replay runs. */
  public enum CodeMode {
    /**
     * Today's test classes, in the archived environment: a new regression test runs against the old
     * environment.
     */
    CURRENT,
    /** The classes archived with the run: exactly what ran then. */
    ARCHIVED;

    /**
     * Parses {@code containermatrix.replay.code}: {@code current} (default) or {@code archived}.
     */
    public static CodeMode parse(String text) {
      return switch (text.trim()) {
        case "", "current" -> CURRENT;
        case "archived" -> ARCHIVED;
        default ->
            throw new IllegalArgumentException(
                "Configuration parameter "
                    + CODE_KEY
                    + "='"
                    + text
                    + "' is not current or archived; use current (today's test classes in the"
                    + " archived environment) or archived (the classes that ran then)");
      };
    }
  }

  public ReplayRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(archiveDirectory, "archiveDirectory");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(code, "code");
  }

  /**
   * Reads the parameter. A value naming an existing directory is an archive directory (its latest
   * run is replayed); otherwise it is a run id in {@code defaultArchive}.
   *
   * @param baseDirectory relative paths resolve against it
   * @throws IllegalArgumentException naming the key and value when the text is malformed
   */
  public static ReplayRequest parse(
      String text, Path baseDirectory, Path defaultArchive, CodeMode code) {
    String value = text.trim();
    int hash = value.indexOf('#');
    String target = hash < 0 ? value : value.substring(0, hash).trim();
    Optional<VariantFilter> filter = Optional.empty();
    if (hash >= 0) {
      String terms = value.substring(hash + 1).trim();
      if (!terms.isEmpty()) {
        try {
          filter = Optional.of(VariantFilter.parse(terms));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Configuration parameter "
                  + KEY
                  + "='"
                  + text
                  + "' has a malformed variant"
                  + " filter after '#': "
                  + e.getMessage(),
              e);
        }
      }
    }
    if (target.isEmpty()) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + KEY
              + "='"
              + text
              + "' names no run; give a run id (see report.json's runId or the archive listing) or"
              + " an archive directory, optionally followed by #<variant filter>, e.g."
              + " 20261127-101500-a1b2c3#jdk=17");
    }
    Path asPath = baseDirectory.resolve(target).normalize();
    if (Files.isDirectory(asPath)) {
      return new ReplayRequest(Optional.empty(), asPath, filter, code);
    }
    if (!target.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "Configuration parameter "
              + KEY
              + "='"
              + text
              + "': '"
              + target
              + "' is neither an archive directory ("
              + asPath
              + " does not exist) nor a run id; give a run id such as"
              + " 20261127-101500-a1b2c3 or an existing archive directory");
    }
    return new ReplayRequest(Optional.of(target), defaultArchive, filter, code);
  }

  /** E.g. {@code run 20261127-101500-a1b2c3 of /home/u/.containermatrix/archive}. */
  public String describe() {
    return runId.map(id -> "run " + id).orElse("the latest run") + " of " + archiveDirectory;
  }
}
