package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Writes {@code report.json} atomically (temp file, then rename), so a reader never sees half a report.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunReportWriter {
  public static final String FILE_NAME = "report.json";
  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the report into {@code directory}, creating it; returns the file. */
  public Path write(RunReport report, Path directory) {
    try {
      Files.createDirectories(directory);
      Path target = directory.resolve(FILE_NAME);
      Path temp = Files.createTempFile(directory, ".report", ".json.tmp");
      Files.writeString(temp, mapper.writeValueAsString(toJson(report)) + "\n");
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write " + FILE_NAME + " into " + directory + ": " + e.getMessage()
              + "; check that the directory is writable or set containermatrix.report.dir",
          e);
    }
  }

  ObjectNode toJson(RunReport report) {
    ObjectNode root = mapper.createObjectNode();
    root.put("runId", report.runId());
    root.put("startedAt", report.startedAt().toString());
    root.put("backend", report.backend());
    root.put("backendReason", report.backendReason());
    report.replayOf().ifPresent(r -> root.put("replayOf", r));
    report.archive().ifPresent(a -> {
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
    report.host().memoryBytes().ifPresentOrElse(m -> host.put("memoryBytes", m), () -> host.putNull("memoryBytes"));
    ArrayNode matrices = root.putArray("matrices");
    report.matrices().stream()
        .sorted(Comparator.comparing(MatrixSummary::testClass))
        .forEach(m -> {
          ObjectNode node = matrices.addObject();
          node.put("class", m.testClass());
          node.put("source", m.source());
          node.put("combinations", m.combinations());
          node.put("variants", m.variants());
          node.put("fullProduct", m.fullProduct());
        });
    ObjectNode disk = root.putObject("disk");
    disk(disk, report.variants());
    disk.put("layersCollected", report.layersCollected());
    disk.put("bytesCollected", report.bytesCollected());
    ArrayNode variants = root.putArray("variants");
    report.variants().stream()
        .sorted(Comparator.comparing(VariantReport::testClass).thenComparing(VariantReport::name))
        .forEach(v -> variant(variants.addObject(), v, report.archive()
            .map(a -> a.refs().get(v.testClass() + "#" + v.id())).or(v::archive)));
    return root;
  }

  private static void variant(ObjectNode node, VariantReport v, Optional<String> archive) {
    node.put("id", v.id());
    node.put("class", v.testClass());
    node.put("name", v.name());
    ObjectNode values = node.putObject("values");
    v.values().forEach(values::put);
    ObjectNode limits = node.putObject("limits");
    v.limits().cpus().ifPresentOrElse(c -> limits.put("cpus", c), () -> limits.putNull("cpus"));
    v.limits().memoryBytes().ifPresentOrElse(m -> limits.put("memoryBytes", m), () -> limits.putNull("memoryBytes"));
    v.limits().pids().ifPresentOrElse(p -> limits.put("pids", p), () -> limits.putNull("pids"));
    v.limits().nofile().ifPresentOrElse(n -> limits.put("nofile", n), () -> limits.putNull("nofile"));
    ArrayNode layers = node.putArray("layers");
    v.layers().forEach(l -> {
      ObjectNode layer = layers.addObject();
      layer.put("digest", l.digest());
      layer.put("sizeBytes", l.sizeBytes());
      layer.put("role", l.role());
      layer.put("built", l.built());
    });
    node.put("status", v.status().name());
    v.reason().ifPresentOrElse(r -> node.put("reason", r), () -> node.putNull("reason"));
    ObjectNode tests = node.putObject("tests");
    tests.put("passed", v.tests().passed());
    tests.put("failed", v.tests().failed());
    tests.put("skipped", v.tests().skipped());
    node.put("durationMillis", v.durationMillis());
    v.cpuMillis().ifPresentOrElse(c -> node.put("cpuMillis", c), () -> node.putNull("cpuMillis"));
    v.classpathEntries().ifPresentOrElse(c -> node.put("classpathEntries", c), () -> node.putNull("classpathEntries"));
    archive.ifPresentOrElse(a -> node.put("archive", a), () -> node.putNull("archive"));
    ArrayNode notEnforced = node.putArray("notEnforced");
    v.notEnforced().forEach(notEnforced::add);
  }

  /**
   * What the run's layers cost: {@code logicalBytes} counts every variant's full stack, as
   * {@code docker images} would; {@code physicalBytes} counts each distinct layer once, as the
   * store holds it.
   */
  static void disk(ObjectNode disk, java.util.List<VariantReport> variants) {
    java.util.Map<String, VariantReport.LayerEntry> distinct = new java.util.LinkedHashMap<>();
    long logical = 0;
    for (VariantReport v : variants) {
      for (VariantReport.LayerEntry layer : v.layers()) {
        logical += layer.sizeBytes();
        distinct.putIfAbsent(layer.digest(), layer);
      }
    }
    disk.put("logicalBytes", logical);
    disk.put("physicalBytes", distinct.values().stream().mapToLong(VariantReport.LayerEntry::sizeBytes).sum());
    disk.put("layers", distinct.size());
    disk.put("layersBuilt", distinct.values().stream().filter(VariantReport.LayerEntry::built).count());
    disk.put("layersReused", distinct.values().stream().filter(l -> !l.built()).count());
  }
}
