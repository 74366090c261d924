package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostfs.TreeDeletion;
import dev.containermatrix.backend.layers.StoreLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The layout of the variants' logs (stdout, stderr) in a report directory, one directory per run:
 * {@code variants/<runId>/<class>/<variant name>-<variant id>/}, where the variant's name is made
 * {@linkplain #directoryName(String, String) safe for a file name}. {@code variants/<runId>/build}
 * holds the id of the run's build (see {@link RunReportWriter}).
 *
 * <p>{@link #open()} creates the run's directory and, holding {@code report.lock} (the lock
 * report.json is merged under), deletes every other entry of {@code variants/} that is not a run of
 * the same build: the runs of earlier builds, and what earlier versions wrote ({@code
 * variants/<class>/<id>/}). The runs of one build (Surefire forks, Failsafe) keep each other's
 * logs, as they keep each other's report parts. A run's directory and its build file are created
 * under the lock, so no run deletes another's directory before it is marked.
 */
@API(status = INTERNAL, since = "0.1")
public final class VariantLogs {
  public static final String DIRECTORY = "variants";
  static final String BUILD_FILE = "build";

  /** The longest variant name kept in a directory name; the id after it keeps longer ones apart. */
  static final int NAME_LIMIT = 100;

  private final Path reportDirectory;
  private final String runId;
  private final String buildId;

  VariantLogs(Path reportDirectory, String runId, String buildId) {
    this.reportDirectory = Objects.requireNonNull(reportDirectory, "reportDirectory");
    this.runId = ReportParts.checkRunId(runId, "name a log directory");
    this.buildId = Objects.requireNonNull(buildId, "buildId");
  }

  /** The run's own directory, {@code variants/<runId>}. */
  public Path runDirectory() {
    return reportDirectory.resolve(DIRECTORY).resolve(runId);
  }

  /** A variant's log directory relative to the report directory, as report.json names it. */
  public String relative(String testClass, String variantName, String variantId) {
    if (testClass.isEmpty() || testClass.contains("/") || testClass.startsWith(".")) {
      throw new IllegalArgumentException(
          "test class '"
              + testClass
              + "' cannot name a log directory: a class name"
              + " has no '/' and does not start with '.'");
    }
    return DIRECTORY + "/" + runId + "/" + testClass + "/" + directoryName(variantName, variantId);
  }

  /** A variant's log directory. */
  public Path directory(String testClass, String variantName, String variantId) {
    return reportDirectory.resolve(relative(testClass, variantName, variantId));
  }

  /**
   * {@code jdk=25,tz=kolkata-3f2a9c0b1d4e} for the variant {@code jdk=25, tz=kolkata}: its name
   * without the blanks after commas, every character other than a letter, digit or one of {@code .
   * , = + _ -} replaced by {@code _}, cut to {@value #NAME_LIMIT} characters, then {@code -} and
   * its id.
   */
  public static String directoryName(String variantName, String variantId) {
    if (!variantId.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException(
          "a variant id is 12 lowercase hex digits, was '" + variantId + "'");
    }
    String name = variantName.replace(", ", ",").replaceAll("[^A-Za-z0-9.,=+_-]", "_");
    if (name.length() > NAME_LIMIT) {
      name = name.substring(0, NAME_LIMIT);
    }
    return name.isEmpty() ? variantId : name + "-" + variantId;
  }

  /**
   * Creates {@code variants/<runId>/}, marks it with the run's build and deletes the other builds'
   * entries of {@code variants/} (see the class comment).
   *
   * @throws UncheckedIOException naming the directory that could not be created or deleted
   */
  public void open() {
    Path root = reportDirectory.resolve(DIRECTORY);
    Path lockFile = reportDirectory.resolve(RunReportWriter.LOCK_FILE_NAME);
    Path own = runDirectory();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create "
              + root
              + " for the variants' logs: "
              + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
    try (StoreLock lock = StoreLock.acquire(lockFile)) {
      Files.createDirectories(own);
      Files.writeString(own.resolve(BUILD_FILE), buildId + "\n");
      for (Path stale : staleEntries(root, own)) {
        try {
          TreeDeletion.delete(stale);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Could not delete "
                  + stale
                  + ", the logs of an earlier build: "
                  + e.getMessage()
                  + "; delete it by hand (report.json no longer names it)",
              e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create "
              + own
              + " for this run's logs (under the lock "
              + lockFile
              + "): "
              + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
  }

  /**
   * The entries of {@code root} other than {@code own} that are not a run directory of this build.
   */
  private List<Path> staleEntries(Path root, Path own) throws IOException {
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        if (!entry.equals(own) && !ofThisBuild(entry)) {
          stale.add(entry);
        }
      }
    }
    stale.sort(null);
    return stale;
  }

  private boolean ofThisBuild(Path entry) {
    Path marker = entry.resolve(BUILD_FILE);
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return Files.readString(marker).strip().equals(buildId);
    } catch (IOException e) {
      return false;
    }
  }
}
