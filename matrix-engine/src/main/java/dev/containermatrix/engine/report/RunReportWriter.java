package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.engine.shard.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run's report: first its own part, {@code runs/report-<runId>.json}, then, under an
 * exclusive lock on {@code report.lock} (a file lock: Surefire forks, Failsafe and other JVMs write
 * into the same directory), {@code report.json} merged from every part of the same build (see
 * {@link BuildReport}). Both files are written to a temp file and moved into place, so a reader
 * never sees half a report.
 *
 * <p>A run that is one shard ({@code containermatrix.shard=k/n}) writes {@code
 * report-<k>-of-<n>.json} in place of report.json, with a top-level {@code shard}.
 *
 * <p>The build is the Maven build the JVM runs in (the nearest process up the tree that runs
 * Maven's launcher, see {@code MavenBuildProbe}); without one (an IDE, the console launcher,
 * Gradle) each run is a build of its own, and report.json describes that run alone. A part of
 * another build is an earlier build's, which report.json no longer describes: the merge deletes it.
 * A part that cannot be read is left in place and named in a {@link ReportPartException} after
 * report.json is written from the others. report.html is written beside report.json from the same
 * tree (see {@code ReportPage}); a failure to write it is thrown after report.json is in place.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunReportWriter {
  public static final String FILE_NAME = "report.json";
  public static final String LOCK_FILE_NAME = "report.lock";
  private final Optional<String> mavenBuild;

  /** A writer for runs of the Maven build this JVM belongs to, if it belongs to one. */
  public RunReportWriter() {
    this(new MavenBuildProbe(Path.of("/proc")).buildId(ProcessHandle.current().pid()));
  }

  /**
   * @param mavenBuild the id of the build this JVM's runs belong to; empty: each run is its own
   *     build
   */
  RunReportWriter(Optional<String> mavenBuild) {
    this.mavenBuild = mavenBuild;
  }

  /**
   * Writes the run's part into {@code directory}'s {@code runs/}, then merges report.json (creating
   * the directories) and writes report.html beside it; returns report.json.
   *
   * @throws UncheckedIOException naming the file that could not be written (for report.html: after
   *     report.json was written)
   * @throws ReportPartException naming the parts that could not be read; report.json holds the
   *     others
   */
  public Path write(RunReport report, Path directory) {
    String buildId = buildId(report);
    ReportParts parts = new ReportParts(directory);
    Path part = parts.file(report.runId());
    try {
      Files.createDirectories(parts.directory());
      writeAtomically(part, RunPart.of(report, buildId));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write "
              + part
              + ": "
              + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
    Path target = directory.resolve(fileName(report));
    Merged merged = merge(parts, buildId, report.shard().orElse(null), target);
    List<ReportParts.Unreadable> unreadable = merged.unreadable();
    if (!unreadable.isEmpty()) {
      ReportPartException failure = unreadable(unreadable, target);
      merged.pageFailure().ifPresent(failure::addSuppressed);
      throw failure;
    }
    merged
        .pageFailure()
        .ifPresent(
            e -> {
              throw e;
            });
    return target;
  }

  /**
   * What a merge left to report: the parts that could not be read, and the failure to write
   * report.html (see {@link ReportPage}), if any.
   */
  private record Merged(
      List<ReportParts.Unreadable> unreadable, Optional<RuntimeException> pageFailure) {}

  /**
   * Holding {@code report.lock}, deletes the parts of other builds and writes {@code target} merged
   * from the parts of {@code buildId} that are of the same {@code shard} (a build that ran several
   * shards keeps a file for each), then its page (report.html) from the same tree.
   */
  private Merged merge(ReportParts parts, String buildId, @Nullable Shard shard, Path target) {
    Path lockFile = target.resolveSibling(LOCK_FILE_NAME);
    try (StoreLock lock = StoreLock.acquire(lockFile)) {
      ReportParts.Listing listing = parts.read();
      List<ReportPart> ours = new ArrayList<>();
      for (ReportPart found : listing.readable()) {
        if (found.buildId().equals(buildId)) {
          if (Objects.equals(found.part().shard(), shard)) {
            ours.add(found);
          }
        } else {
          parts.delete(found);
        }
      }
      RunPart merged = BuildReport.merge(buildId, ours);
      writeAtomically(target, merged);
      return new Merged(
          listing.unreadable(), ReportPage.write(target, ReportJson.MAPPER.valueToTree(merged)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not merge "
              + target
              + " from the parts in "
              + parts.directory()
              + " (under the lock "
              + lockFile
              + "): "
              + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
  }

  /** {@value #FILE_NAME}, or for one shard of a split run {@code report-<k>-of-<n>.json}. */
  public static String fileName(RunReport report) {
    return report.shard().map(Shard::reportFileName).orElse(FILE_NAME);
  }

  /**
   * The layout of {@code report}'s variant logs in the report directory {@code directory}, for its
   * build.
   */
  public VariantLogs variantLogs(RunReport report, Path directory) {
    return new VariantLogs(directory, report.runId(), buildId(report));
  }

  /** The build of a run: this JVM's Maven build, or else the run itself. */
  String buildId(RunReport report) {
    return mavenBuild.orElse(report.runId());
  }

  private static ReportPartException unreadable(
      List<ReportParts.Unreadable> unreadable, Path target) {
    List<Path> files = unreadable.stream().map(ReportParts.Unreadable::file).toList();
    if (unreadable.size() == 1) {
      return new ReportPartException(
          "The report part "
              + unreadable.get(0).file()
              + " cannot be read: "
              + unreadable.get(0).reason()
              + ". Delete it: "
              + target
              + " was merged from the other parts without it",
          files);
    }
    List<String> named = unreadable.stream().map(u -> u.file() + " (" + u.reason() + ")").toList();
    return new ReportPartException(
        "The report parts "
            + String.join(", ", named.subList(0, named.size() - 1))
            + " and "
            + named.get(named.size() - 1)
            + " cannot be read. Delete them: "
            + target
            + " was merged from the other parts without them",
        files);
  }

  private static void writeAtomically(Path target, RunPart json) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, ReportJson.MAPPER.writeValueAsString(json) + "\n");
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
