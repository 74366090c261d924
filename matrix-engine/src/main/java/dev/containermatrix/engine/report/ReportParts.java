package dev.containermatrix.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code runs/} directory of a report directory: one part per engine run, {@code
 * runs/report-<runId>.json}, which its run writes once (atomically) and which the runs of the same
 * build merge into report.json. Only file names of that form are parts; temp files are not.
 */
final class ReportParts {
  static final String DIRECTORY = "runs";
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern PART = Pattern.compile("report-(.+)\\.json");

  private static final ObjectMapper JSON = ReportJson.MAPPER;

  private final Path directory;

  ReportParts(Path reportDirectory) {
    this.directory = reportDirectory.resolve(DIRECTORY);
  }

  Path directory() {
    return directory;
  }

  /**
   * The part file of run {@code runId}.
   *
   * @throws IllegalArgumentException if the run id is not a plain file name part
   */
  Path file(String runId) {
    return directory.resolve("report-" + checkRunId(runId, "name a report part") + ".json");
  }

  /**
   * Returns {@code runId} if it can be part of a file name.
   *
   * @param use what the id is for, e.g. {@code "name a report part"}
   * @throws IllegalArgumentException if it cannot
   */
  static String checkRunId(String runId, String use) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "run id '"
              + runId
              + "' cannot "
              + use
              + ": it must be letters,"
              + " digits, '.', '_' and '-', starting with a letter or digit");
    }
    return runId;
  }

  /**
   * Every part in the directory, by file name, sorted into those that can be read and those that
   * cannot.
   */
  Listing read() throws IOException {
    List<ReportPart> readable = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (PART.matcher(entry.getFileName().toString()).matches()) {
          files.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return new Listing(List.of(), List.of());
    }
    files.sort(null);
    for (Path file : files) {
      try {
        readable.add(parse(file));
      } catch (NotAPart e) {
        unreadable.add(new Unreadable(file, e.getMessage()));
      }
    }
    return new Listing(List.copyOf(readable), List.copyOf(unreadable));
  }

  private ReportPart parse(Path file) throws NotAPart {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new NotAPart(
          "it is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + parserSays(e));
    } catch (IOException e) {
      throw new NotAPart("it cannot be read (" + e + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new NotAPart("it is empty");
    }
    if (!(root instanceof ObjectNode object)) {
      throw new NotAPart("it is not a JSON object");
    }
    String runId = text(object, "runId");
    text(object, "buildId");
    String startedAt = text(object, "startedAt");
    text(object, "backend");
    require(object, "host", JsonNode::isObject, "an object");
    require(object, "matrices", JsonNode::isArray, "an array");
    require(object, "variants", JsonNode::isArray, "an array");
    if (object.has("disk")) {
      require(object, "disk", JsonNode::isObject, "an object");
    }
    Matcher name = PART.matcher(file.getFileName().toString());
    if (!name.matches() || !name.group(1).equals(runId)) {
      throw new NotAPart("it holds run " + runId + ", which its file name does not name");
    }
    Instant started;
    try {
      started = Instant.parse(startedAt);
    } catch (DateTimeParseException e) {
      throw new NotAPart(
          "its startedAt '" + startedAt + "' is not an instant such as 2026-01-01T10:00:00Z");
    }
    try {
      return new ReportPart(file, started, JSON.treeToValue(object, RunPart.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new NotAPart("its fields are not those of a report part: " + parserSays(e));
    }
  }

  /**
   * Jackson's message without the source location it repeats, e.g. "Unexpected end-of-input:
   * expected close marker for Array".
   */
  private static String parserSays(Exception e) {
    String message =
        String.valueOf(
            e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
    int location = message.indexOf(" (start marker at");
    message = location < 0 ? message : message.substring(0, location);
    return message.lines().findFirst().orElse(message).trim();
  }

  private static String text(ObjectNode object, String field) throws NotAPart {
    require(object, field, JsonNode::isTextual, "a string");
    return object.get(field).asText();
  }

  private static void require(
      ObjectNode object, String field, java.util.function.Predicate<JsonNode> kind, String what)
      throws NotAPart {
    JsonNode value = object.get(field);
    if (value == null) {
      throw new NotAPart("it has no \"" + field + "\"");
    }
    if (!kind.test(value)) {
      throw new NotAPart("its \"" + field + "\" is not " + what);
    }
  }

  /** Removes a part (of an older build); a part already gone is fine. */
  void delete(ReportPart part) throws IOException {
    Files.deleteIfExists(part.file());
  }

  /** The parts found: those read, and those that could not be, each with why. */
  record Listing(List<ReportPart> readable, List<Unreadable> unreadable) {
    Listing {
      readable = List.copyOf(readable);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** A part file that could not be read: {@code reason} reads as "it is not valid JSON (…)". */
  record Unreadable(Path file, String reason) {}

  private static final class NotAPart extends Exception {
    private static final long serialVersionUID = 1L;

    NotAPart(String reason) {
      super(reason, null, false, false);
    }
  }
}
