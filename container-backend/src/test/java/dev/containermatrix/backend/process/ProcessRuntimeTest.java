package dev.containermatrix.backend.process;

import static dev.containermatrix.backend.testmains.TestSpecs.codeSourceOf;
import static dev.containermatrix.backend.testmains.TestSpecs.hostSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.Layer;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.backend.testmains.ForkingMain;
import dev.containermatrix.backend.testmains.HookParentMain;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import dev.containermatrix.backend.testmains.SleepMain;
import dev.containermatrix.backend.testmains.VersionMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeTest {

  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir Path scratch;

  private final ProcessRuntime runtime = new ProcessRuntime();

  @Test
  void listsExactlyWhatItCannotHonour() {
    ContainerSpec spec =
        hostSpec(scratch, "demanding", PrintEnvMain.class, List.of())
            .withBaseImage("oci-archive:images/bullseye.tar")
            .withFiles(
                List.of(new FileMount(Path.of("/src/conf/kolkata.yaml"), "/etc/app/app.yaml")))
            .withLimits(ResourceLimits.none().withCpus(1).withMemoryBytes(256L << 20));

    assertThat(runtime.unsupported(spec))
        .containsExactly(
            "the process backend cannot use base image oci-archive:images/bullseye.tar: it runs on"
                + " the host's own system; use containermatrix.backend=native or docker",
            "the process backend cannot place /src/conf/kolkata.yaml at /etc/app/app.yaml: it runs"
                + " on the host's filesystem; use containermatrix.backend=native or docker",
            "the process backend cannot enforce cpus=1: use containermatrix.backend=native or"
                + " docker",
            "the process backend cannot enforce memory=256 MiB: use containermatrix.backend=native"
                + " or docker");
  }

  @Test
  void refusesAJdkThatIsInsideTheImageSayingItRunsHostJvms() {
    ContainerSpec host = hostSpec(scratch, "jdk-image", PrintEnvMain.class, List.of());
    ContainerSpec spec =
        host.withBaseImage("oci-layout:images/temurin")
            .withCommand(
                new JvmCommand(
                    Path.of("/opt/java/openjdk"),
                    host.command().classpath(),
                    List.of(),
                    host.command().mainClass(),
                    List.of(),
                    true));

    assertThat(runtime.unsupported(spec))
        .containsExactly(
            "the process backend cannot run JDK /opt/java/openjdk of image"
                + " oci-layout:images/temurin: it runs host JVMs, and that JDK exists only inside"
                + " the image; give the JDK axis a version or path of a JDK on this host, or use"
                + " containermatrix.backend=native or docker",
            "the process backend cannot use base image oci-layout:images/temurin: it runs on the"
                + " host's own system; use containermatrix.backend=native or docker");
  }

  @Test
  void skipsClasspathLayersButDeclaresOthers() {
    ContainerSpec spec =
        hostSpec(scratch, "layers", PrintEnvMain.class, List.of())
            .withLayers(
                List.of(
                    new Layer(Path.of("/store/jars"), Layer.CLASSPATH),
                    new Layer(Path.of("/store/jdk"), Layer.JDK)));

    assertThat(runtime.unsupported(spec))
        .containsExactly(
            "the process backend cannot mount layer /store/jdk (role jdk): it runs on the host's"
                + " filesystem, where only classpath layers need no mount; use"
                + " containermatrix.backend=native or docker");
  }

  @Test
  void acceptsTheHostsOwnHostname() throws IOException {
    String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    ContainerSpec spec =
        hostSpec(scratch, "named", PrintEnvMain.class, List.of()).withHostname(hostname);

    assertThat(runtime.unsupported(spec)).isEmpty();
    assertThat(runtime.unsupported(spec.withHostname("elsewhere")))
        .containsExactly(
            "the process backend cannot set hostname elsewhere: it shares the host's name "
                + hostname
                + "; use hostname \"host\" or containermatrix.backend=native or docker");
  }

  @Test
  void refusesToLaunchWhatItCannotHonour() {
    ContainerSpec spec =
        hostSpec(scratch, "limited", PrintEnvMain.class, List.of())
            .withLimits(ResourceLimits.none().withMemoryBytes(256L << 20));

    assertThatThrownBy(() -> runtime.launch(spec))
        .isInstanceOf(ContainerException.class)
        .hasMessage(
            "container limited cannot run on the process backend: the process backend cannot"
                + " enforce memory=256 MiB: use containermatrix.backend=native or docker");
  }

  @Test
  void namesAMissingJavaLauncher() {
    ContainerSpec spec =
        hostSpec(
            scratch,
            "nojava",
            Path.of("/nonexistent/jdk"),
            List.of(scratch),
            PrintEnvMain.class,
            List.of());

    assertThatThrownBy(() -> runtime.launch(spec))
        .isInstanceOf(ContainerException.class)
        .hasMessage(
            "container nojava cannot start: there is no executable /nonexistent/jdk/bin/java:"
                + " point javaHome at a JDK or JRE");
  }

  @Test
  void namesAMissingWorkingDirectory() throws IOException {
    ContainerSpec base = hostSpec(scratch, "nowork", PrintEnvMain.class, List.of());
    ContainerSpec spec =
        new ContainerSpec(
            base.id(),
            base.hostname(),
            base.baseImage(),
            base.layers(),
            base.command(),
            base.environment(),
            scratch.resolve("missing"),
            base.limits(),
            base.files(),
            base.channelSocket(),
            base.outputDirectory(),
            base.timeout());

    assertThatThrownBy(() -> runtime.launch(spec))
        .isInstanceOf(ContainerException.class)
        .hasMessage(
            "container nowork cannot start: its working directory "
                + scratch.resolve("missing")
                + " does not exist: create it before launching");
  }

  @Test
  void runsTheJdkOfTheSpec() throws Exception {
    HostRequirements.require(
        Files.isExecutable(TEMURIN_25.resolve("bin/java")),
        "Temurin 25 is not installed at " + TEMURIN_25);
    ContainerSpec spec =
        hostSpec(
            scratch,
            "temurin",
            TEMURIN_25,
            List.of(codeSourceOf(VersionMain.class)),
            VersionMain.class,
            List.of());

    try (ContainerHandle handle = runtime.launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      assertThat(Files.readAllLines(handle.stdout()))
          .containsExactly("java.home:" + TEMURIN_25, "feature:25");
    }
  }

  @Test
  void passesAClasspathLongerThanOneCommandLineArgumentMayBe() throws Exception {
    List<Path> classpath = new ArrayList<>();
    classpath.add(codeSourceOf(PrintEnvMain.class));
    for (int i = 1; i < 300; i++) {
      classpath.add(scratch.resolve(("absent-" + i + "-").repeat(20)).resolve("x".repeat(250)));
    }
    long length =
        String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()).length();
    assertThat(length).isGreaterThan(128 * 1024);
    ContainerSpec spec =
        hostSpec(scratch, "long-classpath", PrintEnvMain.class, List.of())
            .withCommand(
                new JvmCommand(
                    Path.of(System.getProperty("java.home")),
                    classpath,
                    List.of(),
                    PrintEnvMain.class.getName(),
                    List.of()));

    try (ContainerHandle handle = runtime.launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      assertThat(Files.readAllLines(handle.stdout())).contains("classpath-length:" + length);
    }
  }

  @Test
  void passesOptionsAndArgumentsVerbatim() throws Exception {
    String odd = "a b \"c\" \\d\ttab 'e' #f @g";
    ContainerSpec spec =
        hostSpec(scratch, "verbatim", PrintEnvMain.class, List.of())
            .withCommand(
                new JvmCommand(
                    Path.of(System.getProperty("java.home")),
                    List.of(codeSourceOf(PrintEnvMain.class)),
                    List.of("-Dodd=" + odd),
                    PrintEnvMain.class.getName(),
                    List.of("prop:odd", "two words", "@not-an-argfile")));

    try (ContainerHandle handle = runtime.launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      assertThat(Files.readAllLines(handle.stdout()))
          .contains("prop:odd=" + odd, "arg:two words", "arg:@not-an-argfile");
    }
  }

  @Test
  void reportsAJvmKilledBySignal() throws Exception {
    try (ContainerHandle handle =
        runtime.launch(hostSpec(scratch, "signalled", SleepMain.class, List.of()))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(handle.stdout()).contains("sleeping"));
      ProcessHandle.of(handle.pid()).orElseThrow().destroyForcibly();

      assertThat(handle.awaitExit())
          .isEqualTo(
              new ExitStatus(
                  137, ExitStatus.Reason.KILLED_BY_SIGNAL, "was killed by signal 9 (SIGKILL)"));
      assertThat(runtime.runningCount()).isZero();
    }
  }

  @Test
  void describesATimeoutWithTheProcessesItKilled() throws Exception {
    ContainerSpec spec =
        hostSpec(scratch, "timeout", ForkingMain.class, List.of())
            .withTimeout(Duration.ofSeconds(2));
    try (ContainerHandle handle = runtime.launch(spec)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(handle.stdout()).contains("child:"));
      long child =
          Long.parseLong(Files.readString(handle.stdout()).strip().substring("child:".length()));

      assertThat(handle.awaitExit())
          .isEqualTo(
              new ExitStatus(
                  137,
                  ExitStatus.Reason.TIMED_OUT,
                  "timed out after 2s; its JVM (pid "
                      + handle.pid()
                      + ") and 1 child process were killed"));
      assertThat(ProcessHandle.of(handle.pid())).isEmpty();
      assertThat(ProcessHandle.of(child)).isEmpty();
      assertThat(runtime.runningCount()).isZero();
    }
  }

  @Test
  void killsItsContainersWhenTheHostJvmShutsDown() throws Exception {
    Path parentOut = scratch.resolve("parent.out");
    String classpath =
        codeSourceOf(ProcessRuntime.class)
            + File.pathSeparator
            + codeSourceOf(HookParentMain.class);
    Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                HookParentMain.class.getName(),
                scratch.toString())
            .redirectErrorStream(true)
            .redirectOutput(parentOut.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(parentOut).contains("container:"));
      long container =
          Long.parseLong(Files.readString(parentOut).strip().substring("container:".length()));
      assertThat(ProcessHandle.of(container)).isPresent();

      parent.destroy();

      assertThat(parent.waitFor()).isEqualTo(143);
      assertThat(ProcessHandle.of(container)).isEmpty();
    } finally {
      parent.destroyForcibly();
    }
  }
}
