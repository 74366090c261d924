package dev.containermatrix.backend.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.spi.ContainerEnvironment;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.Layer;
import dev.containermatrix.backend.testmains.ExitMain;
import dev.containermatrix.backend.testmains.FileModeMain;
import dev.containermatrix.backend.testmains.ForkingMain;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import dev.containermatrix.backend.testmains.SandboxProbeMain;
import dev.containermatrix.backend.testmains.SleepMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import dev.containermatrix.backend.testmains.WriteFileMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of {@link ContainerRuntime} and {@link ContainerHandle}, checked with real JVMs.
 * Every backend has a subclass; it passes when the backend keeps the contract on this host.
 *
 * <p>A backend's subclass provides:
 *
 * <ul>
 *   <li>{@link #runtime()}: the runtime under test;
 *   <li>{@link #spec(Path, String, Class, List)}: a spec the backend honours in full that runs a
 *       main class of {@code dev.containermatrix.backend.testmains} (this module's test classes)
 *       with the given arguments: base image, layers, {@code javaHome} and classpath as seen inside
 *       the container, an existing working directory, the channel socket and output directory under
 *       {@code scratch}, an empty environment, no limits and no files, a timeout of a minute;
 *   <li>{@link #honoured()}: the {@link Feature features} the backend honours, all others it must
 *       declare in {@code unsupported};
 *   <li>{@link #channelAsSeenInside(ContainerSpec)}, if the backend moves the channel socket.
 * </ul>
 *
 * <p>Processes are checked from the host: {@link ContainerHandle#pid()} must be a host pid whose
 * descendants are the container's processes. Tests of what honoured features do (that a memory
 * limit holds) belong to each backend's own tests until this suite grows them.
 */
public abstract class ContainerRuntimeConformanceTest {

  /** A part of a spec that a backend either honours or declares in {@code unsupported}. */
  protected enum Feature {
    CPUS("cpus=1.5", (spec, scratch) -> spec.withLimits(spec.limits().withCpus(1.5))),
    MEMORY(
        "memory=256 MiB",
        (spec, scratch) -> spec.withLimits(spec.limits().withMemoryBytes(256L << 20))),
    PIDS("pids=64", (spec, scratch) -> spec.withLimits(spec.limits().withPids(64))),
    NOFILE("nofile=128", (spec, scratch) -> spec.withLimits(spec.limits().withNofile(128))),
    CPUSET("cpuset=0", (spec, scratch) -> spec.withLimits(spec.limits().withCpuset("0"))),
    FILES(
        "/etc/app/app.yaml",
        (spec, scratch) ->
            spec.withFiles(
                List.of(new FileMount(scratch.resolve("app.yaml"), "/etc/app/app.yaml")))),
    BASE_IMAGE(
        "oci-archive:/images/bookworm.tar",
        (spec, scratch) -> spec.withBaseImage("oci-archive:/images/bookworm.tar")),
    HOSTNAME("variant-host", (spec, scratch) -> spec.withHostname("variant-host")),
    /**
     * A JDK inside the base image ({@link
     * dev.containermatrix.backend.spi.JvmCommand#javaHomeInImage()}).
     */
    JDK_IN_IMAGE(
        "exists only inside the image",
        (spec, scratch) ->
            spec.withCommand(
                new dev.containermatrix.backend.spi.JvmCommand(
                    spec.command().javaHome(),
                    spec.command().classpath(),
                    spec.command().jvmOptions(),
                    spec.command().mainClass(),
                    spec.command().arguments(),
                    true))),
    JDK_LAYER(
        "jdk-layer",
        (spec, scratch) -> {
          List<Layer> layers = new ArrayList<>(spec.layers());
          layers.add(new Layer(scratch.resolve("jdk-layer"), Layer.JDK));
          return spec.withLayers(layers);
        });

    /** Text the backend's sentence about this feature contains. */
    final String mention;

    final BiFunction<ContainerSpec, Path, ContainerSpec> demand;

    Feature(String mention, BiFunction<ContainerSpec, Path, ContainerSpec> demand) {
      this.mention = mention;
      this.demand = demand;
    }
  }

  /** A scratch directory of the current test, short enough for a channel socket in it. */
  @TempDir protected Path scratch;

  /** The runtime under test. */
  protected abstract ContainerRuntime runtime();

  /**
   * A spec the backend honours in full, running {@code main} with {@code arguments}; see the class
   * comment.
   */
  protected abstract ContainerSpec spec(
      Path scratch, String id, Class<?> main, List<String> arguments);

  /** The features the backend honours on this host. */
  protected abstract Set<Feature> honoured();

  /**
   * Variables the backend's engine sets in every container besides the spec's (Docker's {@code
   * HOSTNAME}); none by default.
   */
  protected Map<String, String> engineVariables(ContainerSpec spec) {
    return Map.of();
  }

  /**
   * Whether the container sees a read-only {@code /sys} (Docker's, which the JVM reads its cgroup
   * limits from) rather than none; by default none.
   */
  protected boolean showsReadOnlySysfs() {
    return false;
  }

  /**
   * Whether the container may not create a user namespace at all (Docker's default seccomp
   * profile), rather than create one that finds no way out; by default it may.
   */
  protected boolean refusesNewUserNamespaces() {
    return false;
  }

  /** The channel socket's path as the container sees it; by default its host path. */
  protected String channelAsSeenInside(ContainerSpec spec) {
    return spec.channelSocket().toString();
  }

  @Test
  void reportsTheExitCodeOfTheJvm() throws Exception {
    try (ContainerHandle handle =
        runtime().launch(spec(scratch, "exit-three", ExitMain.class, List.of("3")))) {
      ExitStatus status = handle.awaitExit();
      assertThat(status)
          .isEqualTo(new ExitStatus(3, ExitStatus.Reason.EXITED, "exited with status 3"));
      assertThat(status.isSuccess()).isFalse();
    }
  }

  @Test
  void capturesStdoutAndStderrInTheOutputDirectory() throws Exception {
    ContainerSpec spec = spec(scratch, "output", PrintEnvMain.class, List.of("hello"));
    try (ContainerHandle handle = runtime().launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      assertThat(handle.stdout()).isEqualTo(spec.outputDirectory().resolve("stdout.log"));
      assertThat(handle.stderr()).isEqualTo(spec.outputDirectory().resolve("stderr.log"));
      assertThat(lines(handle.stdout())).contains("arg:hello");
      assertThat(lines(handle.stderr())).containsExactly("this line goes to stderr");
    }
  }

  @Test
  void givesExactlyTheSpecsEnvironmentPlusChannelAndDefaults() throws Exception {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("GREETING", "hello world");
    environment.put("LANG", "de_DE.UTF-8");
    ContainerSpec spec =
        spec(scratch, "environment", PrintEnvMain.class, List.of()).withEnvironment(environment);
    try (ContainerHandle handle = runtime().launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
      Map<String, String> expected = new LinkedHashMap<>(engineVariables(spec));
      expected.putAll(
          Map.of(
              "GREETING",
              "hello world",
              "LANG",
              "de_DE.UTF-8",
              ContainerEnvironment.CHANNEL,
              channelAsSeenInside(spec),
              "PATH",
              ContainerEnvironment.DEFAULT_PATH,
              "HOME",
              spec.workingDirectory().toString()));
      assertThat(environmentOf(handle.stdout())).containsExactlyInAnyOrderEntriesOf(expected);
    }
  }

  @Test
  void aFileWrittenInAWritableDirectoryAppearsOnTheHost() throws Exception {
    ContainerSpec probe = spec(scratch, "writable", WriteFileMain.class, List.of());
    Path writable = Files.createDirectories(probe.outputDirectory().resolveSibling("writable-dir"));
    ContainerSpec spec =
        spec(
                scratch,
                "writable",
                WriteFileMain.class,
                List.of(writable.resolve("out.txt").toString(), "written inside"))
            .withWritableDirectories(List.of(writable));
    try (ContainerHandle handle = runtime().launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).isTrue();
    }
    assertThat(writable.resolve("out.txt")).hasContent("written inside");
  }

  @Test
  void runsInTheWorkingDirectory() throws Exception {
    ContainerSpec spec = spec(scratch, "cwd", PrintEnvMain.class, List.of());
    try (ContainerHandle handle = runtime().launch(spec)) {
      handle.awaitExit();
      assertThat(lines(handle.stdout())).contains("cwd:" + spec.workingDirectory());
    }
  }

  @Test
  void killsTheJvmAndItsChildrenWhenTheTimeoutPasses() throws Exception {
    ContainerSpec spec =
        spec(scratch, "timeout", ForkingMain.class, List.of()).withTimeout(Duration.ofSeconds(2));
    try (ContainerHandle handle = runtime().launch(spec)) {
      List<ProcessHandle> tree = treeOnceItHasChildren(handle);
      ExitStatus status = handle.awaitExit();
      assertThat(status.reason()).isEqualTo(ExitStatus.Reason.TIMED_OUT);
      assertThat(status.description()).startsWith("timed out after 2s; its JVM (pid ");
      assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }
  }

  @Test
  void aJvmPastItsTimeoutPrintsAThreadDumpToItsStdoutBeforeItIsKilled() throws Exception {
    ContainerSpec spec =
        spec(scratch, "thread-dump", SleepMain.class, List.of()).withTimeout(Duration.ofSeconds(2));
    try (ContainerHandle handle = runtime().launch(spec)) {
      ExitStatus status = handle.awaitExit();
      assertThat(status.reason()).isEqualTo(ExitStatus.Reason.TIMED_OUT);
      assertThat(Files.readString(handle.stdout()))
          .contains("Full thread dump")
          .contains("at " + SleepMain.class.getName() + ".main")
          .contains("JNI global refs");
    }
  }

  @Test
  void cancelKillsTheWholeTreeBeforeReturningAndReportsTheReason() throws Exception {
    try (ContainerHandle handle =
        runtime().launch(spec(scratch, "cancel", ForkingMain.class, List.of()))) {
      List<ProcessHandle> tree = treeOnceItHasChildren(handle);
      handle.cancel("the user stopped the run");
      assertThat(tree).noneMatch(ProcessHandle::isAlive);
      ExitStatus status = handle.awaitExit();
      assertThat(status.reason()).isEqualTo(ExitStatus.Reason.CANCELLED);
      assertThat(status.description())
          .startsWith("was cancelled (the user stopped the run); its JVM (pid ");
      assertThat(handle.awaitExit()).isEqualTo(status);
    }
  }

  @Test
  void closeKillsWhatStillRunsAndCanBeRepeated() throws Exception {
    ContainerHandle handle = runtime().launch(spec(scratch, "close", SleepMain.class, List.of()));
    await().atMost(Duration.ofSeconds(30)).until(() -> lines(handle.stdout()).contains("sleeping"));
    handle.close();
    handle.close();
    assertThat(ProcessHandle.of(handle.pid())).isEmpty();
    assertThat(handle.awaitExit().reason()).isEqualTo(ExitStatus.Reason.CANCELLED);
  }

  @Test
  void aConfigFileOnlyItsOwnerMayReadKeepsItsModeInside() throws Exception {
    Assumptions.assumeTrue(honoured().contains(Feature.FILES), "the backend places no files");
    Path secret = Files.writeString(scratch.resolve("secret.yaml"), "token: s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    StoredLayer config =
        LayerStore.open(scratch.resolve("store"))
            .put(ReproducibleLayer.builder().addFile("etc/app/layered.yaml", secret, 0600).build());
    ContainerSpec base =
        spec(
            scratch,
            "modes",
            FileModeMain.class,
            List.of("/etc/app/mounted.yaml", "/etc/app/layered.yaml"));
    List<Layer> layers = new ArrayList<>(base.layers());
    layers.add(new Layer(config.directory(), Layer.CONFIG));
    ContainerSpec spec =
        base.withFiles(List.of(new FileMount(secret, "/etc/app/mounted.yaml"))).withLayers(layers);

    try (ContainerHandle handle = runtime().launch(spec)) {
      assertThat(handle.awaitExit().isSuccess()).as("stderr: %s", lines(handle.stderr())).isTrue();
      assertThat(lines(handle.stdout()))
          .containsExactly(
              "mode:/etc/app/mounted.yaml:rw-------", "mode:/etc/app/layered.yaml:rw-------");
    }
  }

  @ParameterizedTest
  @EnumSource(Feature.class)
  void declaresEveryFeatureItDoesNotHonour(Feature feature) throws IOException {
    ContainerSpec spec =
        feature.demand.apply(spec(scratch, "demanding", PrintEnvMain.class, List.of()), scratch);
    List<String> unsupported = runtime().unsupported(spec);
    if (honoured().contains(feature)) {
      assertThat(unsupported).noneMatch(sentence -> sentence.contains(feature.mention));
      return;
    }
    assertThat(unsupported).singleElement().asString().contains(feature.mention);
    assertThatThrownBy(() -> runtime().launch(spec))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining(unsupported.get(0));
    assertThat(spec.outputDirectory()).doesNotExist();
  }

  /**
   * Whether the backend promises a sandbox (design §4: nothing inside leads to the host's files,
   * kernel settings or other users' data); the sandbox tests below run only where it does.
   */
  protected boolean sandboxes() {
    return true;
  }

  @Test
  void noProcessInTheContainerHasItsRootOrWorkingDirectoryOnTheHost() throws Exception {
    try (SandboxMarkers markers = new SandboxMarkers()) {
      ContainerSpec spec = sandboxProbe("proc-links", markers.paths());
      List<String> seen = runProbe(spec);
      assertThat(seen)
          .filteredOn(line -> line.startsWith("root:"))
          .isNotEmpty()
          .noneMatch(line -> line.contains("reached"));
      assertThat(seen)
          .filteredOn(line -> line.startsWith("cwd-write:1:"))
          .singleElement()
          .asString()
          .startsWith("cwd-write:1:denied");
      // the probe's own working directory is copy-on-write: what it writes there stays in the
      // container
      for (Path hostDirectory :
          List.of(spec.workingDirectory(), Path.of("").toAbsolutePath(), Path.of("/"))) {
        try (var files = Files.list(hostDirectory)) {
          assertThat(files)
              .as("files in %s", hostDirectory)
              .noneMatch(
                  path -> path.getFileName().toString().startsWith("escaped-through-cwd-of-"));
        }
      }
    }
  }

  @Test
  void theChrootEscapeIsRefused() throws Exception {
    try (SandboxMarkers markers = new SandboxMarkers()) {
      List<String> seen = runProbe(sandboxProbe("chroot", markers.paths()));
      assertThat(seen).contains("chroot:errno 1"); // EPERM: no CAP_SYS_CHROOT
      assertThat(String.join("\n", seen)).doesNotContain(markers.secret());
    }
  }

  @Test
  void aNewUserNamespaceRegainsCapabilitiesButTheChrootEscapeStillFindsNoHostRoot()
      throws Exception {
    try (SandboxMarkers markers = new SandboxMarkers()) {
      List<String> seen = runProbe(sandboxProbe("userns-chroot", markers.paths()));
      if (refusesNewUserNamespaces()) {
        assertThat(seen)
            .contains("userns-exit:1")
            .anyMatch(line -> line.startsWith("userns-unshare:") && line.contains("not permitted"));
        assertThat(String.join("\n", seen)).doesNotContain(markers.secret());
        return;
      }
      assertThat(seen).contains("userns-exit:0", "userns-chroot:done");
      assertThat(seen)
          .filteredOn(line -> line.startsWith("userns-escaped:"))
          .hasSize(2)
          .allMatch(line -> line.contains("denied (NoSuchFileException"));
      assertThat(String.join("\n", seen)).doesNotContain(markers.secret());
    }
  }

  @Test
  void kernelSettingsAreReadOnlyAndHostKernelFilesMasked() throws Exception {
    List<String> seen = runProbe(sandboxProbe("kernel", List.of()));
    // as root the read-only mount refuses; rootless, the files' owner (the host's root) refuses
    // first
    assertThat(seen)
        .filteredOn(line -> line.startsWith("open-for-write:"))
        .hasSize(4)
        .allMatch(line -> line.endsWith(":absent") || line.contains(":denied ("));
    assertThat(seen)
        .anyMatch(line -> line.startsWith("open-for-write:/proc/sys/kernel/core_pattern:denied ("));
    assertThat(seen)
        .filteredOn(line -> line.startsWith("mount:/proc/sys:"))
        .singleElement()
        .asString()
        .matches("mount:/proc/sys:ro(,.*)?");
    if (showsReadOnlySysfs()) {
      // every /sys mount read-only, but for the empty tmpfs that holds the cgroup hierarchies
      assertThat(seen)
          .filteredOn(
              line -> line.startsWith("mount:/sys") && !line.startsWith("mount:/sys/fs/cgroup:"))
          .isNotEmpty()
          .allMatch(line -> line.matches("mount:/sys[^:]*:ro(,.*)?"));
    } else {
      assertThat(seen).noneMatch(line -> line.startsWith("mount:/sys"));
    }
    assertThat(seen)
        .filteredOn(line -> line.startsWith("readable-bytes:"))
        .hasSize(3)
        .allMatch(line -> line.endsWith(":0") || line.endsWith(":absent"));
    assertThat(seen).contains("readable-bytes:/proc/keys:0");
    if (!showsReadOnlySysfs()) {
      assertThat(seen).contains("sys-entries:0");
    }
    for (String name : List.of("irq", "bus", "sysrq-trigger")) {
      if (Files.exists(Path.of("/proc", name))) {
        assertThat(seen).anyMatch(line -> line.matches("mount:/proc/" + name + ":ro(,.*)?"));
      }
    }
  }

  @Test
  void holdsNoCapabilityThatLeadsOutAndCannotGainOne() throws Exception {
    List<String> seen = runProbe(sandboxProbe("status", List.of()));
    long effective = capabilities(seen, "CapEff");
    long bounding = capabilities(seen, "CapBnd");
    // CAP_DAC_READ_SEARCH 2, CAP_NET_ADMIN 12, CAP_NET_RAW 13, CAP_SYS_MODULE 16, CAP_SYS_RAWIO 17,
    // CAP_SYS_CHROOT 18,
    // CAP_SYS_PTRACE 19, CAP_SYS_ADMIN 21, CAP_SYS_BOOT 22, CAP_SYS_TIME 25, CAP_MKNOD 27
    for (int capability : new int[] {2, 12, 13, 16, 17, 18, 19, 21, 22, 25, 27}) {
      assertThat(effective & (1L << capability))
          .as("capability %d in CapEff %x", capability, effective)
          .isZero();
      assertThat(bounding & (1L << capability))
          .as("capability %d in CapBnd %x", capability, bounding)
          .isZero();
    }
    assertThat(seen).contains("NoNewPrivs:1", "CapInh:0000000000000000", "CapAmb:0000000000000000");
  }

  @Test
  void seesItsOwnCgroupsAsTheRootNotTheHostsTree() throws Exception {
    // with a limit, so that where the backend enforces it the container has cgroups of its own
    ContainerSpec spec = sandboxProbe("status", List.of());
    List<String> seen = runProbe(spec.withLimits(spec.limits().withPids(256)));
    // a cgroup namespace: /proc/self/cgroup names "/" for every hierarchy, not the host's paths
    assertThat(seen)
        .filteredOn(line -> line.startsWith("cgroup:"))
        .isNotEmpty()
        .allMatch(line -> line.endsWith(":/"));
  }

  @Test
  void theHostBaseShowsNoSecretsOfTheHost() throws Exception {
    ContainerSpec spec = sandboxProbe("secrets", List.of());
    List<String> seen = runProbe(spec);
    assertThat(seen)
        .filteredOn(line -> line.startsWith("secret:"))
        .hasSize(7)
        .allMatch(
            line -> line.endsWith(":absent") || line.endsWith(":directory of 0 entries"),
            "absent or empty");
    // the only files under /root and /home are classpath jars, each bound at its host path
    // (~/.m2/…)
    List<String> classpath = spec.command().classpath().stream().map(Path::toString).toList();
    assertThat(seen)
        .filteredOn(line -> line.startsWith("file-under:"))
        .allMatch(
            line ->
                classpath.contains(line.substring(line.indexOf(":/", "file-under:".length()) + 1)),
            "a classpath entry");
  }

  @Test
  void cannotMountAnything() throws Exception {
    assertThat(runProbe(sandboxProbe("mount", List.of()))).contains("mount:errno 1"); // EPERM
  }

  /** A spec running {@link SandboxProbeMain} with JNA on its classpath. */
  private ContainerSpec sandboxProbe(String way, List<String> markers) {
    org.junit.jupiter.api.Assumptions.assumeTrue(sandboxes(), "this backend promises no sandbox");
    List<String> arguments = new ArrayList<>(List.of(way));
    arguments.addAll(markers);
    ContainerSpec spec = spec(scratch, "sandbox-" + way, SandboxProbeMain.class, arguments);
    List<Path> classpath = new ArrayList<>(spec.command().classpath());
    classpath.add(TestSpecs.codeSourceOf(com.sun.jna.Native.class));
    return spec.withCommand(
        new JvmCommand(
            spec.command().javaHome(),
            classpath,
            spec.command().jvmOptions(),
            spec.command().mainClass(),
            spec.command().arguments()));
  }

  private List<String> runProbe(ContainerSpec spec) throws Exception {
    try (ContainerHandle handle = runtime().launch(spec)) {
      ExitStatus status = handle.awaitExit();
      List<String> out = lines(handle.stdout());
      assertThat(status.isSuccess())
          .as("probe %s: %s\n%s\n%s", spec.id(), status, out, lines(handle.stderr()))
          .isTrue();
      return out;
    }
  }

  private static long capabilities(List<String> seen, String set) {
    return seen.stream()
        .filter(l -> l.startsWith(set + ":"))
        .findFirst()
        .map(l -> Long.parseUnsignedLong(l.substring(set.length() + 1), 16))
        .orElseThrow();
  }

  /** The container's JVM and its descendants, once it has at least one, as the host sees them. */
  private static List<ProcessHandle> treeOnceItHasChildren(ContainerHandle handle) {
    ProcessHandle root = ProcessHandle.of(handle.pid()).orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().findAny().isPresent());
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    return tree;
  }

  protected static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static Map<String, String> environmentOf(Path stdout) throws IOException {
    return lines(stdout).stream()
        .filter(line -> line.startsWith("env:"))
        .map(line -> line.substring("env:".length()).split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
  }
}
