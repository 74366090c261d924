package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.layers.StoreLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Writes a run's report: first its own part, {@code runs/report-<runId>.json}, then, under an
 * exclusive lock on {@code report.lock} (a file lock: Surefire forks, Failsafe and other JVMs write
 * into the same directory), {@code report.json} merged from every part of the same build (see
 * {@link BuildReport}). Both files are written to a temp file and moved into place, so a reader
 * never sees half a report.
 *
 * <p>The build is the Maven build the JVM runs in (the nearest process up the tree that runs
 * Maven's launcher, see {@code MavenBuildProbe}); without one (an IDE, the console launcher,
 * Gradle) each run is a build of its own, and report.json describes that run alone. A part of
 * another build is an earlier build's, which report.json no longer describes: the merge deletes it.
 * A part that cannot be read is left in place and named in a {@link ReportPartException} after
 * report.json is written from the others.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunReportWriter {
  public static final String FILE_NAME = "report.json";
  public static final String LOCK_FILE_NAME = "report.lock";
  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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
   * the directories); returns report.json.
   *
   * @throws UncheckedIOException naming the file that could not be written
   * @throws ReportPartException naming the parts that could not be read; report.json holds the
   *     others
   */
  public Path write(RunReport report, Path directory) {
    String buildId = buildId(report);
    ReportParts parts = new ReportParts(directory, mapper);
    Path part = parts.file(report.runId());
    try {
      Files.createDirectories(parts.directory());
      writeAtomically(part, toJson(report, buildId));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write "
              + part
              + ": "
              + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
    Path target = directory.resolve(FILE_NAME);
    List<ReportParts.Unreadable> unreadable = merge(parts, buildId, target);
    if (!unreadable.isEmpty()) {
      throw unreadable(unreadable, target);
    }
    return target;
  }

  /**
   * Holding {@code report.lock}, deletes the parts of other builds and writes {@code target} merged
   * from the parts of {@code buildId}; returns the parts that could not be read.
   */
  private List<ReportParts.Unreadable> merge(ReportParts parts, String buildId, Path target) {
    Path lockFile = target.resolveSibling(LOCK_FILE_NAME);
    try (StoreLock lock = StoreLock.acquire(lockFile)) {
      ReportParts.Listing listing = parts.read();
      List<ReportPart> ours = new ArrayList<>();
      for (ReportPart found : listing.readable()) {
        if (found.buildId().equals(buildId)) {
          ours.add(found);
        } else {
          parts.delete(found);
        }
      }
      writeAtomically(target, BuildReport.merge(buildId, ours));
      return listing.unreadable();
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

  private void writeAtomically(Path target, ObjectNode json) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, mapper.writeValueAsString(json) + "\n");
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The run's part: report.json's fields for this run alone, with the build's id and each variant's
   * run id.
   */
  ObjectNode toJson(RunReport report, String buildId) {
    ObjectNode root = mapper.createObjectNode();
    root.put("runId", report.runId());
    root.put("startedAt", report.startedAt().toString());
    root.put("backend", report.backend());
    root.put("backendReason", report.backendReason());
    report.replayOf().ifPresent(r -> root.put("replayOf", r));
    report
        .archive()
        .ifPresent(
            a -> {
              ObjectNode archive = root.putObject("archive");
              archive.put("directory", a.directory());
              archive.put("record", a.record());
              if (a.note() != null) {
                archive.put("note", a.note());
              }
            });
    ObjectNode host = root.putObject("host");
    host.put("kernel", report.host().kernel());
    host.put("arch", report.host().arch());
    host.put("cpus", report.host().cpus());
    report
        .host()
        .memoryBytes()
        .ifPresentOrElse(m -> host.put("memoryBytes", m), () -> host.putNull("memoryBytes"));
    root.put("buildId", buildId);
    ArrayNode matrices = root.putArray("matrices");
    report.matrices().stream()
        .sorted(Comparator.comparing(MatrixSummary::testClass))
        .forEach(
            m -> {
              ObjectNode node = matrices.addObject();
              node.put("class", m.testClass());
              node.put("source", m.source());
              node.put("combinations", m.combinations());
              node.put("variants", m.variants());
              m.variantsRun()
                  .ifPresentOrElse(
                      n -> node.put("variantsRun", n), () -> node.putNull("variantsRun"));
              node.put("fullProduct", m.fullProduct());
            });
    ArrayNode variants = mapper.createArrayNode();
    report.variants().stream()
        .sorted(Comparator.comparing(VariantReport::testClass).thenComparing(VariantReport::name))
        .forEach(
            v ->
                variant(
                    variants.addObject(),
                    report.runId(),
                    v,
                    report
                        .archive()
                        .map(a -> a.refs().get(v.testClass() + "#" + v.id()))
                        .or(v::archive)));
    ObjectNode disk = root.putObject("disk");
    DiskUsage.count(disk, variants);
    disk.put("layersCollected", report.layersCollected());
    disk.put("bytesCollected", report.bytesCollected());
    root.set("variants", variants);
    return root;
  }

  private static void variant(
      ObjectNode node, String runId, VariantReport v, Optional<String> archive) {
    node.put("id", v.id());
    node.put("runId", runId);
    node.put("class", v.testClass());
    node.put("name", v.name());
    ObjectNode values = node.putObject("values");
    v.values().forEach(values::put);
    ObjectNode limits = node.putObject("limits");
    v.limits().cpus().ifPresentOrElse(c -> limits.put("cpus", c), () -> limits.putNull("cpus"));
    v.limits()
        .memoryBytes()
        .ifPresentOrElse(m -> limits.put("memoryBytes", m), () -> limits.putNull("memoryBytes"));
    v.limits().pids().ifPresentOrElse(p -> limits.put("pids", p), () -> limits.putNull("pids"));
    v.limits()
        .nofile()
        .ifPresentOrElse(n -> limits.put("nofile", n), () -> limits.putNull("nofile"));
    ArrayNode layers = node.putArray("layers");
    v.layers()
        .forEach(
            l -> {
              ObjectNode layer = layers.addObject();
              layer.put("digest", l.digest());
              layer.put("sizeBytes", l.sizeBytes());
              layer.put("role", l.role().label());
              layer.put("built", l.built());
            });
    node.put("status", v.status().name());
    v.reason().ifPresentOrElse(r -> node.put("reason", r), () -> node.putNull("reason"));
    ObjectNode tests = node.putObject("tests");
    tests.put("passed", v.tests().passed());
    tests.put("failed", v.tests().failed());
    tests.put("skipped", v.tests().skipped());
    ArrayNode failures = node.putArray("failures");
    v.failures()
        .forEach(
            f -> {
              ObjectNode failure = failures.addObject();
              failure.put("test", f.test());
              failure.put("message", f.message());
              failure.put("logs", f.logs());
            });
    v.logs().ifPresentOrElse(l -> node.put("logs", l), () -> node.putNull("logs"));
    node.put("durationMillis", v.durationMillis());
    v.cpuMillis().ifPresentOrElse(c -> node.put("cpuMillis", c), () -> node.putNull("cpuMillis"));
    v.classpathEntries()
        .ifPresentOrElse(
            c -> node.put("classpathEntries", c), () -> node.putNull("classpathEntries"));
    archive.ifPresentOrElse(a -> node.put("archive", a), () -> node.putNull("archive"));
    ArrayNode notEnforced = node.putArray("notEnforced");
    v.notEnforced().forEach(notEnforced::add);
  }
}
