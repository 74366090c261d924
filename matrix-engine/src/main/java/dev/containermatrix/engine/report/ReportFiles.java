package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.engine.shard.Shard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Finds and reads the report files a merge takes: {@code report.json} and {@code
 * report-<k>-of-<n>.json}, given as files or found in directories (as CI artifacts are downloaded,
 * one directory per artifact). Their content is outside input: each is checked to be a report
 * before it is merged.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportFiles {
  /** The largest report file read. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  /** How deep a directory is searched for reports. */
  static final int MAX_DEPTH = 12;

  private static final Pattern REPORT = Pattern.compile("report(-\\d{1,9}-of-\\d{1,9})?\\.json");
  private static final String WHAT_TO_DO =
      "pass the report.json or report-<k>-of-<n>.json files a run wrote (in its"
          + " containermatrix.report.dir, target/containermatrix by default), or the directories"
          + " that hold them";

  private ReportFiles() {}

  /** One report read: its file and its JSON tree. */
  public record Input(Path file, ObjectNode tree) {
    public Input {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(tree, "tree");
    }
  }

  /**
   * The report files among {@code paths}: a file as given, a directory's {@code report.json} and
   * {@code report-<k>-of-<n>.json} files at any depth up to {@value #MAX_DEPTH} (not the run parts
   * in {@code runs/}), sorted by path.
   *
   * @throws ReportMergeException naming a path that does not exist, or a directory without reports
   */
  public static List<Path> find(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path, MAX_DEPTH)) {
          found =
              walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                  .filter(p -> REPORT.matcher(p.getFileName().toString()).matches())
                  .filter(
                      p -> !p.getParent().getFileName().toString().equals(ReportParts.DIRECTORY))
                  .sorted()
                  .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new ReportMergeException(
              "Could not search " + path + " for reports: " + e.getMessage() + "; " + WHAT_TO_DO);
        }
        if (found.isEmpty()) {
          throw new ReportMergeException(
              path + " holds no report.json or report-<k>-of-<n>.json; " + WHAT_TO_DO);
        }
        files.addAll(found);
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        throw new ReportMergeException(path + " does not exist; " + WHAT_TO_DO);
      }
    }
    return files.stream().map(Path::normalize).distinct().toList();
  }

  /**
   * Reads a report, checking the fields a merge relies on: {@code runId}, {@code startedAt} (an
   * instant), {@code backend}, {@code host}, {@code matrices[]} and {@code variants[]} (each with
   * {@code id} and {@code class}), and {@code shard} where present.
   *
   * @throws ReportMergeException naming the file and what is wrong with it
   */
  public static Input read(Path file) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw notAReport(file, "it is not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw notAReport(file, "it is larger than " + MAX_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        root = ReportJson.MAPPER.readTree(in);
      }
    } catch (JsonProcessingException e) {
      throw notAReport(file, "it is not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new ReportMergeException(
          "Could not read " + file + ": " + e + "; check that it exists and is readable");
    }
    return new Input(file, check(file, root));
  }

  /** {@code root} as a report read from {@code file}, or why it is none. */
  static ObjectNode check(Path file, JsonNode root) {
    if (!(root instanceof ObjectNode report)) {
      throw notAReport(file, "it is not a JSON object");
    }
    text(file, report, "runId", "");
    String startedAt = text(file, report, "startedAt", "");
    try {
      Instant.parse(startedAt);
    } catch (DateTimeParseException e) {
      throw notAReport(
          file, "its startedAt '" + startedAt + "' is not an instant such as 2026-01-01T10:00:00Z");
    }
    text(file, report, "backend", "");
    kind(file, report, "host", JsonNode::isObject, "an object", "");
    kind(file, report, "matrices", JsonNode::isArray, "an array", "");
    kind(file, report, "variants", JsonNode::isArray, "an array", "");
    for (int i = 0; i < report.get("matrices").size(); i++) {
      JsonNode matrix = report.get("matrices").get(i);
      String where = "matrices[" + i + "].";
      if (!(matrix instanceof ObjectNode m)) {
        throw notAReport(file, "its matrices[" + i + "] is not an object");
      }
      text(file, m, "class", where);
      if (m.has("variantsRun") && !m.get("variantsRun").isNull()) {
        kind(file, m, "variantsRun", ReportFiles::wholeNumber, "a whole number", where);
      }
    }
    for (int i = 0; i < report.get("variants").size(); i++) {
      JsonNode variant = report.get("variants").get(i);
      if (!(variant instanceof ObjectNode v)) {
        throw notAReport(file, "its variants[" + i + "] is not an object");
      }
      text(file, v, "id", "variants[" + i + "].");
      text(file, v, "class", "variants[" + i + "].");
    }
    if (report.has("shard")) {
      JsonNode shard = report.get("shard");
      try {
        if (!wholeNumber(shard.path("index")) || !wholeNumber(shard.path("total"))) {
          throw new IllegalArgumentException("index and total must be whole numbers");
        }
        new Shard(shard.get("index").intValue(), shard.get("total").intValue());
      } catch (IllegalArgumentException e) {
        throw notAReport(file, "its shard " + shard + " is not a shard k/n: " + e.getMessage());
      }
    }
    return report;
  }

  private static boolean wholeNumber(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0;
  }

  private static String text(Path file, ObjectNode object, String field, String where) {
    kind(file, object, field, JsonNode::isTextual, "a string", where);
    return object.get(field).asText();
  }

  private static void kind(
      Path file,
      ObjectNode object,
      String field,
      java.util.function.Predicate<JsonNode> test,
      String what,
      String where) {
    JsonNode value = object.get(field);
    if (value == null) {
      throw notAReport(file, "it has no \"" + where + field + "\"");
    }
    if (!test.test(value)) {
      throw notAReport(file, "its \"" + where + field + "\" is not " + what);
    }
  }

  private static ReportMergeException notAReport(Path file, String problem) {
    return new ReportMergeException(file + " is not a report: " + problem + "; " + WHAT_TO_DO);
  }
}
