package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.archive.RunArchive;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.engine.resolve.LibraryResolver;
import dev.containermatrix.junit.engine.fixtures.ArchivedEnvironmentFixture;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/**
 * A run is archived; then the project's jackson-databind and its config file change; a replay of
 * the archived run still sees the archived ones, while a fresh run sees today's.
 */
class ArchiveReplayTest {
  private static final Path CONFIG = Path.of("target/replay-fixture/app.yaml").toAbsolutePath();

  /**
   * A resource in the module's test classes: the "code" a replay takes from today or from the
   * archive.
   */
  private static final Path CODE =
      Path.of("target/test-classes/replay-fixture-code.txt").toAbsolutePath();

  @TempDir Path work;

  @BeforeEach
  void requireRoot() {
    HostRequirements.require(
        NativeTestSupport.isRoot(),
        "archive and replay run variants on the native backend, as root");
  }

  @Test
  void aReplayRunsTheArchivedJarsAndConfigNotTodaysAndSaysWhichRunItReplayed() throws Exception {
    Path archive = work.resolve("archive");
    Files.createDirectories(CONFIG.getParent());
    Files.writeString(CONFIG, "greeting: then\n");
    Files.writeString(CODE, "code then\n");

    EngineExecutionResults first = run(archive, work.resolve("first"), Map.of());
    first.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(entries(first))
        .containsEntry("jackson", "2.23.0")
        .containsEntry("config", "greeting: then");
    JsonNode firstReport = report(work.resolve("first"));
    String runId = firstReport.get("runId").asText();
    assertThat(firstReport.get("archive").get("directory").asText())
        .as(firstReport.get("archive").toString())
        .isEqualTo(archive.toString());
    assertThat(firstReport.get("variants").get(0).get("archive").asText())
        .startsWith(runId + "-ArchivedEnvironmentFixture.");
    assertThat(RunArchive.open(archive).reader().run(runId))
        .as("the run is in the archive")
        .isPresent();

    // the project moves on: another jackson-databind on the test classpath, another config file
    Files.writeString(CONFIG, "greeting: now\n");
    Files.writeString(CODE, "code now\n");
    Path older =
        LibraryResolver.forProject(Path.of("").toAbsolutePath())
            .resolve("com.fasterxml.jackson.core:jackson-databind:2.21.3")
            .get(0)
            .file();
    String classpath = System.getProperty("java.class.path");
    String changed =
        java.util.Arrays.stream(classpath.split(File.pathSeparator))
            .map(e -> e.contains("jackson-databind-2.23.0") ? older.toString() : e)
            .collect(Collectors.joining(File.pathSeparator));
    EngineExecutionResults today;
    EngineExecutionResults replay;
    EngineExecutionResults exact;
    try {
      System.setProperty("java.class.path", changed);
      today = run(archive, work.resolve("today"), Map.of());
      replay = run(archive, work.resolve("replay"), Map.of("containermatrix.replay", runId));
      exact =
          run(
              archive,
              work.resolve("exact"),
              Map.of("containermatrix.replay", runId, "containermatrix.replay.code", "archived"));
    } finally {
      System.setProperty("java.class.path", classpath);
      Files.deleteIfExists(CODE);
    }

    assertThat(entries(today))
        .as("a fresh run sees today's project")
        .containsEntry("jackson", "2.21.3")
        .containsEntry("config", "greeting: now");
    replay.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(entries(replay))
        .as("the replay sees the archived environment")
        .containsEntry("jackson", "2.23.0")
        .containsEntry("config", "greeting: then")
        .containsEntry("mode", "archived")
        .as("by default with today's test classes")
        .containsEntry("code", "code now");
    assertThat(entries(exact))
        .as("code=archived runs the classes that ran then")
        .containsEntry("jackson", "2.23.0")
        .containsEntry("config", "greeting: then")
        .containsEntry("code", "code then");
    EngineExecutionResults onProcess =
        run(
            archive,
            work.resolve("process"),
            Map.of("containermatrix.replay", runId, "containermatrix.backend", "process"));
    onProcess.testEvents().assertStatistics(s -> s.started(0));
    assertThat(failureMessages(onProcess))
        .anyMatch(
            m ->
                m.endsWith(
                    "cannot run on this host: a replay runs on the archived run's layers, which the"
                        + " process backend cannot mount; replay with"
                        + " -Dcontainermatrix.backend=native"));
    JsonNode replayReport = report(work.resolve("replay"));
    assertThat(replayReport.get("replayOf").asText()).isEqualTo("run " + runId + " of " + archive);
    assertThat(replayReport.get("variants").get(0).get("id").asText())
        .isEqualTo(firstReport.get("variants").get(0).get("id").asText());
  }

  @Test
  void aReplayNamesItsVariantsAndTestsAsTheOriginalRunDidInMatrixOrder() throws Exception {
    Path archive = work.resolve("archive");
    // the fixture's matrix order is jdk, conf: not the sorted order, which a replay once used
    JsonNode original = archivedRun(archive, "then");
    EngineExecutionResults first =
        run(archive, work.resolve("again"), Map.of("containermatrix.archive", "off"));

    EngineExecutionResults replay =
        run(
            archive,
            work.resolve("replay"),
            Map.of(
                "containermatrix.replay",
                original.get("runId").asText(),
                "containermatrix.archive",
                "off"));

    replay.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(displayNames(first)).containsValue("jdk=17, conf=app");
    assertThat(displayNames(replay)).isEqualTo(displayNames(first));
    assertThat(report(work.resolve("replay")).get("variants").get(0).get("name").asText())
        .isEqualTo(original.get("variants").get(0).get("name").asText());
  }

  /**
   * The display names of every started node, by unique id: what Surefire and CI test history see.
   */
  private static Map<String, String> displayNames(EngineExecutionResults results) {
    return results.allEvents().started().stream()
        .collect(
            Collectors.toMap(
                e -> e.getTestDescriptor().getUniqueId().toString(),
                e -> e.getTestDescriptor().getDisplayName(),
                (a, b) -> a,
                java.util.TreeMap::new));
  }

  @Test
  void aConfigFileOnlyItsOwnerMayReadStaysSoInTheStoreTheContainerAndTheArchive() throws Exception {
    Path archive = work.resolve("archive");
    Path store = work.resolve("store");
    Files.createDirectories(CONFIG.getParent());
    Files.writeString(CONFIG, "greeting: secret\n");
    Files.setPosixFilePermissions(CONFIG, PosixFilePermissions.fromString("rw-------"));
    try {
      EngineExecutionResults results =
          run(archive, work.resolve("first"), Map.of("containermatrix.store", store.toString()));

      results.testEvents().assertStatistics(s -> s.succeeded(1));
      assertThat(entries(results)).as("in the container").containsEntry("config-mode", "rw-------");
      JsonNode report = report(work.resolve("first"));
      String configLayer =
          java.util.stream.StreamSupport.stream(
                  report.get("variants").get(0).get("layers").spliterator(), false)
              .filter(l -> l.get("role").asText().equals("config"))
              .findFirst()
              .orElseThrow()
              .get("digest")
              .asText();
      Path stored =
          store.resolve(
              "layers/sha256/" + configLayer.substring("sha256:".length()) + "/etc/app/app.yaml");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
          .as("in the store")
          .isEqualTo("rw-------");
      RunArchive opened = RunArchive.open(archive);
      List<String> layerDigests =
          opened
              .reader()
              .image(
                  opened.reader().run(report.get("runId").asText()).orElseThrow(),
                  variantKey(report))
              .layers()
              .stream()
              .map(l -> l.digest().toString())
              .toList();
      assertThat(layerDigests)
          .as("the archive keeps the config layer's digest, mode included")
          .contains(configLayer);
      assertThat(
              modeInTar(
                  opened
                      .reader()
                      .readBlob(dev.containermatrix.backend.oci.Digest.parse(configLayer)),
                  "etc/app/app.yaml"))
          .as("in the archive")
          .isEqualTo(0600);
    } finally {
      Files.setPosixFilePermissions(CONFIG, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void aReplayOfARunTheArchiveDoesNotHoldFailsNamingTheRunsItHas() throws Exception {
    Path archive = work.resolve("archive");
    String runId = archivedRun(archive, "then").get("runId").asText();

    EngineExecutionResults replay =
        run(
            archive,
            work.resolve("replay"),
            Map.of("containermatrix.replay", "20000101-000000-000000"));

    replay.testEvents().assertStatistics(s -> s.started(0));
    assertThat(failureMessages(replay))
        .anyMatch(
            m ->
                m.contains(
                    "cannot replay run 20000101-000000-000000 of "
                        + archive
                        + ": the archive holds no such run; its runs are "
                        + runId));
  }

  @Test
  void aReplayOfAnArchiveWithOneFlippedByteRunsNothingAndNamesTheBlob() throws Exception {
    Path archive = work.resolve("archive");
    JsonNode report = archivedRun(archive, "then");
    String runId = report.get("runId").asText();
    String key = variantKey(report);
    RunArchive opened = RunArchive.open(archive);
    var layers = opened.reader().image(opened.reader().run(runId).orElseThrow(), key).layers();
    String digest = layers.get(layers.size() - 1).digest().toString();
    Path blob = archive.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);

    EngineExecutionResults replay =
        run(archive, work.resolve("replay"), Map.of("containermatrix.replay", runId));

    replay.testEvents().assertStatistics(s -> s.started(0));
    assertThat(failureMessages(replay))
        .anyMatch(m -> m.contains(digest) && m.contains(blob.toString()));
  }

  @Test
  void retentionKeepsTheLatestRunsAndArchiveOffArchivesNothing() throws Exception {
    Path archive = work.resolve("archive");
    archivedRun(archive, "then");
    EngineExecutionResults second =
        run(archive, work.resolve("second"), Map.of("containermatrix.archive.keepRuns", "1"));
    second.testEvents().assertStatistics(s -> s.succeeded(1));
    JsonNode report = report(work.resolve("second"));

    assertThat(RunArchive.open(archive).reader().runs())
        .extracting(r -> r.runId())
        .containsExactly(report.get("runId").asText());
    assertThat(report.get("archive").get("note").asText())
        .isEqualTo("retention removed 1 older run(s)");

    run(archive, work.resolve("off"), Map.of("containermatrix.archive", "off"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertThat(report(work.resolve("off")).get("archive")).isNull();
    assertThat(RunArchive.open(archive).reader().runs()).hasSize(1);
  }

  @Test
  void aRunBeyondTheSizeBoundRemovesOlderRunsButNeverItselfAndTellsTheConsoleHowToChangeTheBound()
      throws Exception {
    Path archive = work.resolve("archive");
    archivedRun(archive, "then");
    java.io.PrintStream console = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    EngineExecutionResults second;
    try {
      System.setErr(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      second =
          run(archive, work.resolve("second"), Map.of("containermatrix.archive.keepSize", "1KB"));
    } finally {
      System.setErr(console);
    }
    second.testEvents().assertStatistics(s -> s.succeeded(1));
    String runId = report(work.resolve("second")).get("runId").asText();

    assertThat(RunArchive.open(archive).reader().runs())
        .extracting(r -> r.runId())
        .as("this run alone is larger than 1 KB")
        .containsExactly(runId);
    assertThat(
            captured
                .toString(java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("[container-matrix] archive "))
                .toList())
        .singleElement()
        .asString()
        .matches(
            "\\[container-matrix\\] archive "
                + java.util.regex.Pattern.quote(archive.toString())
                + " holds 1 run, [0-9.]+ (B|KiB|MiB|GiB) \\(retention removed 1 older run\\); it"
                + " keeps the last 20 runs or 1\\.0 KiB, whichever is smaller; change that with"
                + " containermatrix.archive.keepRuns, containermatrix.archive.keepDays and"
                + " containermatrix.archive.keepSize \\(a number, a size such as 5GB, or all for no"
                + " bound\\)");
  }

  private static List<String> failureMessages(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .map(
            e ->
                e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .orElseThrow()
                    .getThrowable()
                    .orElseThrow()
                    .getMessage())
        .toList();
  }

  @Test
  void anExportedVariantLoadsIntoDockerAndDockerRunRunsItsTests() throws Exception {
    HostRequirements.require(
        dev.containermatrix.backend.image.DockerEngineSource.isAvailable()
            && HostCommand.works("docker", "info"),
        "a Docker engine at /var/run/docker.sock (apt-get install docker.io; dockerd --bridge=none"
            + " --iptables=false --ip-masq=false)");
    Path archive = work.resolve("archive");
    JsonNode report = archivedRun(archive, "exported");
    String runId = report.get("runId").asText();
    String key = variantKey(report);
    RunArchive opened = RunArchive.open(archive);

    Path config =
        opened
            .reader()
            .export(opened.reader().run(runId).orElseThrow(), key, work.resolve("variant.tar"));

    assertThat(new ObjectMapper().readTree(config.toFile()).get("process").get("env").toString())
        .contains("APP_MODE=archived");
    String loaded =
        HostCommand.run(
            work, Map.of(), "docker", "load", "-i", work.resolve("variant.tar").toString());
    String tag =
        loaded
            .lines()
            .filter(l -> l.startsWith("Loaded image: "))
            .findFirst()
            .orElseThrow()
            .substring("Loaded image: ".length())
            .strip();
    try {
      String output =
          HostCommand.run(work, Map.of(), "docker", "run", "--rm", "--network", "none", tag);
      assertThat(output.lines().toList())
          .as(output)
          .contains(
              "  PASSED reportsItsEnvironment(TestReporter)",
              "containermatrix: 1 tests: 1 passed, 0 failed, 0 aborted, 0 skipped");
    } finally {
      HostCommand.works("docker", "rmi", "-f", tag);
    }
  }

  /**
   * Runs the fixture once with its config file saying {@code greeting}, into {@code archive}; its
   * report.
   */
  private JsonNode archivedRun(Path archive, String greeting) throws IOException {
    Files.createDirectories(CONFIG.getParent());
    Files.writeString(CONFIG, "greeting: " + greeting + "\n");
    Path reports = work.resolve("first");
    run(archive, reports, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
    return report(reports);
  }

  /**
   * The archived variant's key in its run ({@code <Class>.<variant id>}), from its report's archive
   * ref.
   */
  private static String variantKey(JsonNode report) {
    return report
        .get("variants")
        .get(0)
        .get("archive")
        .asText()
        .substring(report.get("runId").asText().length() + 1);
  }

  private static EngineExecutionResults run(
      Path archive, Path reports, Map<String, String> parameters) {
    return EngineRuns.archiving(archive, reports, parameters, ArchivedEnvironmentFixture.class);
  }

  private static Map<String, String> entries(EngineExecutionResults results) {
    Map<String, String> entries = new HashMap<>();
    results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
        .forEach(entry -> entries.putAll(entry.getKeyValuePairs()));
    return entries;
  }

  private static int modeInTar(byte[] tar, String name) throws IOException {
    try (TarArchiveInputStream entries = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry = entries.getNextEntry();
          entry != null;
          entry = entries.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return entry.getMode() & 07777;
        }
      }
    }
    throw new AssertionError(name + " is not in the tar");
  }
}
