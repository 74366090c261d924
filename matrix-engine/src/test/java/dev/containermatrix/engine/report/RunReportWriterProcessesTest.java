package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.backend.ChildJvms;
import dev.containermatrix.backend.layers.StoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two forks of one build writing their reports into one directory at once, as Surefire forks do.
 */
class RunReportWriterProcessesTest {
  @TempDir Path temp;

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @Test
  void twoJvmsOfOneBuildWritingAtOnceEndWithBothRunsInReportJson() throws Exception {
    Path reports = temp.resolve("reports");
    Path signals = Files.createDirectory(temp.resolve("signals"));
    Process first = start(reports, "fork-1", signals);
    Process second = start(reports, "fork-2", signals);

    Files.createFile(signals.resolve("go"));
    await().atMost(ChildJvms.TIMEOUT).until(() -> !first.isAlive() && !second.isAlive());

    assertThat(first.exitValue()).as(output("fork-1")).isZero();
    assertThat(second.exitValue()).as(output("fork-2")).isZero();
    JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    assertThat(report.get("buildId").asText()).isEqualTo("777-4711");
    assertThat(report.get("runs"))
        .extracting(r -> r.get("runId").asText())
        .containsExactlyInAnyOrder("fork-1", "fork-2");
    assertThat(report.get("variants"))
        .extracting(v -> v.get("runId").asText() + " " + v.get("name").asText())
        .containsExactlyInAnyOrder("fork-1 one", "fork-1 two", "fork-2 one", "fork-2 two");
    try (var parts = Files.list(reports.resolve("runs"))) {
      assertThat(parts.map(p -> p.getFileName().toString()))
          .as("the parts, and no temp file")
          .containsExactlyInAnyOrder("report-fork-1.json", "report-fork-2.json");
    }
  }

  @Test
  void aForkMergesReportJsonOnlyWhileItHoldsTheReportLock() throws Exception {
    Path reports = Files.createDirectories(temp.resolve("reports"));
    Path signals = Files.createDirectory(temp.resolve("signals"));
    Process fork;
    try (StoreLock held = StoreLock.acquire(reports.resolve("report.lock"))) {
      fork = start(reports, "fork-1", signals);
      Files.createFile(signals.resolve("go"));
      long inode = (Long) Files.getAttribute(reports.resolve("report.lock"), "unix:ino");
      // its part is written, and it is blocked on the lock this JVM holds
      await()
          .atMost(ChildJvms.TIMEOUT)
          .until(
              () ->
                  Files.exists(reports.resolve("runs/report-fork-1.json"))
                      && Files.readAllLines(Path.of("/proc/locks")).stream()
                          .anyMatch(
                              line -> line.contains("->") && line.contains(":" + inode + " ")));
      assertThat(reports.resolve("report.json")).doesNotExist();
    }

    await().atMost(ChildJvms.TIMEOUT).until(() -> !fork.isAlive());
    assertThat(fork.exitValue()).as(output("fork-1")).isZero();
    JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    assertThat(report.get("runs"))
        .extracting(r -> r.get("runId").asText())
        .containsExactly("fork-1");
  }

  private Process start(Path reports, String runId, Path signals) throws IOException {
    return children.start(
        temp.resolve(runId + ".out"),
        ReportWriterChildMain.class,
        reports.toString(),
        "777-4711",
        runId,
        signals.toString());
  }

  private String output(String name) throws IOException {
    return ChildJvms.output(temp.resolve(name + ".out"));
  }
}
