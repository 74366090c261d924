package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build id from a fake /proc tree. */
class MavenBuildProbeTest {
  private static final String MAVEN =
      "/usr/lib/jvm/java-17/bin/java\0-classpath\0/usr/share/maven/boot/plexus-classworlds-2.8.0.jar"
          + "\0-Dclassworlds.conf=/usr/share/maven/bin/m2.conf\0org.codehaus.plexus.classworlds.launcher.Launcher\0verify\0";
  private static final String FORK =
      "/usr/lib/jvm/java-17/bin/java\0-jar\0/work/target/surefire/surefirebooter-1.jar\0";

  @TempDir Path proc;

  @Test
  void aSurefireForkBelongsToTheBuildOfItsNearestAncestorRunningMavensLauncher()
      throws IOException {
    process(1, 0, 10, "systemd", "/sbin/init\0");
    process(100, 1, 500, "bash", "-bash\0");
    process(200, 100, 9001, "java", MAVEN);
    process(300, 200, 9050, "java", FORK);
    process(400, 300, 9060, "java (agent) x", "/usr/lib/jvm/java-17/bin/java\0EngineRunnerMain\0");

    assertThat(new MavenBuildProbe(proc).buildId(400)).contains("200-9001");
    assertThat(new MavenBuildProbe(proc).buildId(300)).contains("200-9001");
  }

  @Test
  void mavenRunningTheTestsItselfIsItsOwnBuild() throws IOException {
    process(1, 0, 10, "systemd", "/sbin/init\0");
    process(200, 1, 9001, "java", MAVEN);

    assertThat(new MavenBuildProbe(proc).buildId(200)).contains("200-9001");
  }

  @Test
  void aProcessWithoutMavenAboveItBelongsToNoBuild() throws IOException {
    process(1, 0, 10, "systemd", "/sbin/init\0");
    process(100, 1, 500, "idea", "/opt/idea/bin/idea\0");
    process(300, 100, 9050, "java", "/usr/bin/java\0org.junit.platform.console.ConsoleLauncher\0");

    assertThat(new MavenBuildProbe(proc).buildId(300)).isEmpty();
  }

  @Test
  void withoutProcOrWithAMalformedStatThereIsNoBuild() throws IOException {
    assertThat(new MavenBuildProbe(proc.resolve("absent")).buildId(300)).isEmpty();

    Files.createDirectories(proc.resolve("300"));
    Files.writeString(proc.resolve("300/stat"), "300 (java S 200");
    Files.writeString(proc.resolve("300/cmdline"), MAVEN);
    assertThat(new MavenBuildProbe(proc).buildId(300)).isEmpty();
  }

  @Test
  void theLaunchersArgumentsAreMavensCommandLineAfterTheLauncherClass() throws IOException {
    process(1, 0, 10, "systemd", "/sbin/init\0");
    process(
        200, 1, 9001, "java", MAVEN.replace("Launcher\0verify\0", "Launcher\0-B\0-q\0verify\0"));
    process(300, 200, 9050, "java", FORK);

    assertThat(new MavenBuildProbe(proc).launcherArguments(300))
        .contains(List.of("-B", "-q", "verify"));
    assertThat(new MavenBuildProbe(proc).launcherArguments(1)).isEmpty();
  }

  @Test
  void aLoopInTheTreeEnds() throws IOException {
    process(300, 301, 9050, "java", FORK);
    process(301, 300, 9051, "java", FORK);

    assertThat(new MavenBuildProbe(proc).buildId(300)).isEmpty();
  }

  /**
   * A process as /proc shows it: {@code stat} with its parent (field 4) and start time (field 22).
   */
  private void process(long pid, long parent, long startTime, String command, String cmdline)
      throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    StringBuilder stat = new StringBuilder(pid + " (" + command + ") S " + parent);
    for (int field = 5; field <= 21; field++) {
      stat.append(' ').append(field == 19 ? "0" : "1");
    }
    stat.append(' ').append(startTime).append(" 123456 789 18446744073709551615\n");
    Files.writeString(dir.resolve("stat"), stat);
    Files.write(dir.resolve("cmdline"), cmdline.getBytes(StandardCharsets.UTF_8));
  }
}
