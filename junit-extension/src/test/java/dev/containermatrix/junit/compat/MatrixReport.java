package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fixture build's {@code target/containermatrix/report.json} says (design §3, Outputs).
 *
 * @param file where it was read from
 * @param json its content
 */
record MatrixReport(Path file, JsonNode json) {

  /**
   * The report {@code writer} (a build or launcher run, named in the failure) was to write at
   * {@code file}.
   */
  static MatrixReport written(Path file, Object writer) {
    if (!Files.isRegularFile(file)) {
      fail("%s wrote no %s", writer, file);
    }
    return read(file);
  }

  static MatrixReport read(Path file) {
    try {
      return new MatrixReport(file, new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The backend the run used, such as {@code native}. */
  String backend() {
    return json.path("backend").asText();
  }

  /** Every variant the report lists, in its order. */
  List<ReportedVariant> variants() {
    List<ReportedVariant> variants = new ArrayList<>();
    for (JsonNode variant : json.path("variants")) {
      JsonNode tests = variant.path("tests");
      List<ReportedClass> classes = new ArrayList<>();
      for (JsonNode c : variant.path("classes")) {
        classes.add(
            new ReportedClass(
                c.path("name").asText(),
                c.path("passed").asInt(),
                c.path("failed").asInt(),
                c.path("skipped").asInt()));
      }
      variants.add(
          new ReportedVariant(
              variant.path("class").asText(),
              variant.path("name").asText(),
              variant.path("status").asText(),
              variant.path("runId").asText(""),
              tests.path("passed").asInt(),
              tests.path("failed").asInt(),
              tests.path("skipped").asInt(),
              List.copyOf(classes)));
    }
    return variants;
  }

  /** The variants of {@code className}. */
  List<ReportedVariant> variantsOf(String className) {
    return variants().stream().filter(v -> v.className().equals(className)).toList();
  }

  /**
   * The entries of {@code runs[]}, one per run (fork) merged into the report; empty when it has
   * none.
   */
  List<JsonNode> runs() {
    List<JsonNode> runs = new ArrayList<>();
    json.path("runs").forEach(runs::add);
    return runs;
  }

  /**
   * One entry of {@code variants[]}.
   *
   * @param runId the run (fork) it ran in; empty where the report does not say
   * @param classes a suite variant's counts per test class ({@code classes[]}); empty for a class
   *     matrix
   */
  record ReportedVariant(
      String className,
      String name,
      String status,
      String runId,
      int passed,
      int failed,
      int skipped,
      List<ReportedClass> classes) {}

  /**
   * One entry of a suite variant's {@code classes[]}: its tests of that class, by outcome.
   *
   * @param name the test class, as {@code com.example.FooTest} or {@code com.example.FooTest$Inner}
   */
  record ReportedClass(String name, int passed, int failed, int skipped) {}
}
