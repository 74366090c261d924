package dev.containermatrix.engine.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A JVM that writes one run's report as a fork of a build does: {@code <reports> <buildId> <runId>
 * <signals>} waits for {@code <signals>/go}, then writes a run of class {@code com.example.<runId>}
 * with variants {@code one} and {@code two} into {@code <reports>} as a run of build {@code
 * <buildId>}, and prints {@code written}.
 */
public final class ReportWriterChildMain {
  private ReportWriterChildMain() {}

  public static void main(String[] args) throws Exception {
    Path reports = Path.of(args[0]);
    String runId = args[2];
    RunReport run =
        Runs.run(runId, Instant.now(), "com.example." + runId, runId, true, "one", "two");
    Path go = Path.of(args[3]).resolve("go");
    while (!Files.exists(go)) {
      Thread.sleep(5);
    }
    new RunReportWriter(Optional.of(args[1])).write(run, reports);
    System.out.println("written");
  }
}
