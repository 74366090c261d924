package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.Reapers;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.junit.engine.fixtures.SleepyNativeFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host JVM killed with SIGKILL mid-run leaves no container process, and the next run's reaper
 * removes its cgroups and run directories; mounts never outlive the containers.
 */
class KilledHostTest {
  @TempDir Path reports;

  @Test
  void aSigkilledHostLeavesNothingOnceTheNextRunsReaperHasRun() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(),
        "killing a host with native containers and reaping after it needs root");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process host =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EngineRunnerMain.class.getName(),
                SleepyNativeFixture.class.getName(),
                "native",
                reports.toString())
            .redirectErrorStream(true)
            .redirectOutput(reports.resolve("host.log").toFile())
            .start();
    String prefix = "cm-" + host.pid() + "-";
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> containerProcesses(host).size() >= 4);
      assertThat(cgroupsOf(prefix)).isNotEmpty();
    } finally {
      host.destroyForcibly().waitFor();
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> containerProcesses(host).isEmpty());
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(prefix);

    List<Reaped> reaped = Reapers.forHost().reap();

    assertThat(reaped).extracting(Reaped::kind).contains("cgroup");
    assertThat(reaped).anyMatch(r -> r.path().getFileName().toString().startsWith(prefix));
    assertThat(cgroupsOf(prefix)).isEmpty();
    try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
      assertThat(tmp.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(prefix));
    }
  }

  /**
   * Processes whose command line names the fixture: the containers' shells, JVMs and their sleep
   * children.
   */
  private static List<ProcessHandle> containerProcesses(Process host) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != host.pid())
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("SleepyNativeFixture") || c.equals("sleep 300"))
                    .orElse(false))
        .toList();
  }

  private static List<Path> cgroupsOf(String prefix) {
    try (Stream<Path> tree = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
      return tree.filter(
              p -> p.getFileName() != null && p.getFileName().toString().startsWith(prefix))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }
}
