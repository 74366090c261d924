package dev.containermatrix.junit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.ContainerRuntimes;
import dev.containermatrix.backend.Reapers;
import dev.containermatrix.backend.RuntimeSelection;
import dev.containermatrix.backend.docker.DockerHost;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.engine.archive.ReplaySource;
import dev.containermatrix.engine.progress.ProgressSetting;
import dev.containermatrix.engine.progress.QuietBuild;
import dev.containermatrix.engine.report.HostInfo;
import dev.containermatrix.engine.report.MavenBuildProbe;
import dev.containermatrix.engine.report.RunReport;
import dev.containermatrix.junit.discovery.MatrixClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

/**
 * The {@code container-matrix} TestEngine: runs every {@code @ContainerMatrix} class once per
 * variant, each variant in its own container, and mirrors the tests inside into the JUnit tree as
 * {@code [engine:container-matrix]/[class:…]/[variant:<id>]/[method:…]}.
 *
 * <p>Configuration parameters (system properties, {@code junit-platform.properties} or Surefire's
 * {@code configurationParameters}):
 *
 * <ul>
 *   <li>{@code containermatrix.backend} (default {@code auto}): {@code auto} (native where this
 *       host can run it, else process), {@code native}, {@code docker} or {@code process};
 *   <li>{@code containermatrix.variants} (default all): run only matching variants, such as {@code
 *       jdk=25,tz=utc} (comma means and) or a variant id;
 *   <li>{@code containermatrix.parallelism} (default: the host's CPU count): most variants at once,
 *       counted with every other run on the host that uses the same store (its admission slots);
 *       variants with cpus or memory limits are also admitted by those, first come first served,
 *       against the host's CPUs and its memory less the host JVM's heap and 512 MiB;
 *   <li>{@code containermatrix.report.dir} (default {@code target/containermatrix}): where {@code
 *       report.json} (merged from the parts in {@code runs/} of every run of the build) and each
 *       variant's output go, relative to the module's base directory;
 *   <li>{@code containermatrix.shard} (default none): {@code k/n}, 1-based: run only shard k of n
 *       of every class's variants (CI runners, e.g. GitLab's {@code
 *       $CI_NODE_INDEX/$CI_NODE_TOTAL}); the run writes {@code report-<k>-of-<n>.json} in place of
 *       {@code report.json}; {@code containermatrix.shard.timings} (default none): an earlier
 *       report whose variants' durations balance the shards;
 *   <li>{@code containermatrix.store} (default {@code ~/.cache/containermatrix}): the layer store;
 *   <li>{@code containermatrix.store.unusedDays} (default 30): a run ends by removing layers no run
 *       has used for that many days;
 *   <li>{@code containermatrix.classData} (default {@code auto}): {@code auto} starts each
 *       variant's JVM from a class-data archive of its JDK and shared jars (the AOT cache on JDK
 *       24+, a dynamic AppCDS archive on JDK 13 to 23), trained on first use and kept in the store,
 *       where the backend uses layers; {@code off} never does;
 *   <li>{@code containermatrix.archive} (default {@code on}): {@code on}, {@code failed} (only runs
 *       with a failure) or {@code off}: whether the run is archived for replay;
 *   <li>{@code containermatrix.archive.dir} (default {@code ~/.containermatrix/archive}): the run
 *       archive;
 *   <li>{@code containermatrix.archive.keepRuns} (default 20), {@code
 *       containermatrix.archive.keepDays} (default none) and {@code
 *       containermatrix.archive.keepSize} (default {@code 10GB}; KB, MB, GB or TB, binary): after
 *       archiving, keep the last 20 runs or 10 GB, whichever is smaller (a run goes by count only
 *       if it is also older than keepDays, where that is set); {@code all} turns a bound off; the
 *       run just archived is never removed;
 *   <li>{@code containermatrix.progress} (default {@code auto}): {@code auto} prints a line on
 *       stderr as each variant finishes and a summary with the time left every 30 s, unless the
 *       Maven build is quiet ({@code -q}); {@code off}; or the summary's period, such as {@code
 *       10s}, which prints even in a quiet build;
 *   <li>{@code containermatrix.replay} (default none): replay an archived run, by its path or id,
 *       optionally {@code #variant-filter}; {@code containermatrix.replay.code} (default {@code
 *       current}): {@code current} runs today's test classes, {@code archived} those that ran then;
 *   <li>{@code containermatrix.retries} (default 0): a variant whose tests failed runs only those
 *       tests again, in a fresh container, up to this many times; a test that then passes is
 *       reported flaky (report entry {@code flaky}, report.json {@code flaky});
 *   <li>{@code containermatrix.retries.infra} (default 1): a variant whose container did not start,
 *       or whose JVM died before any test started, runs again up to this many times; never one that
 *       ran out of memory, timed out or was cancelled (see {@link RetryPolicy}).
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerMatrixTestEngine
    extends HierarchicalTestEngine<MatrixExecutionContext> {
  /** The engine id in unique ids and engine filters. */
  public static final String ENGINE_ID = "container-matrix";

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.containermatrix");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("junit-extension");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    List<IllegalArgumentException> errors = new ArrayList<>();
    EngineSettings settings = EngineSettings.read(request.getConfigurationParameters(), errors);
    Optional<IllegalArgumentException> configurationError = ConfigurationError.of(errors);
    MatrixEngineDescriptor engine = new MatrixEngineDescriptor(uniqueId, settings);
    MatrixClassFactory factory =
        new MatrixClassFactory(settings, engine::planSource, configurationError);
    Predicate<Class<?>> isMatrixClass = MatrixClasses::isMatrixClass;
    EngineDiscoveryRequestResolver.<MatrixEngineDescriptor>builder()
        .addClassContainerSelectorResolver(isMatrixClass)
        .addSelectorResolver(ctx -> new MatrixSelectorResolver(factory, uniqueId))
        .build()
        .resolve(request, engine);
    List<MatrixClassDescriptor> classes =
        engine.getChildren().stream().map(MatrixClassDescriptor.class::cast).toList();
    settings
        .variants()
        .ifPresent(filter -> UnmatchedVariantFilter.failIfNothingMatched(filter, classes));
    classes.forEach(MatrixClassDescriptor::keepSelectedVariants);
    InnerDiscovery inner = InnerDiscovery.onThisHost();
    classes.forEach(c -> c.listTests(inner));
    return engine;
  }

  @Override
  protected MatrixExecutionContext createExecutionContext(ExecutionRequest request) {
    MatrixEngineDescriptor engine = (MatrixEngineDescriptor) request.getRootTestDescriptor();
    EngineSettings settings = engine.settings();
    RunDirectory runDirectory = openRunDirectory(settings.dockerHost());
    String runId = newRunId();
    RuntimeSelection selection = null;
    ContainerException selectionError = null;
    String backend = settings.backend();
    String why;
    try {
      selection = ContainerRuntimes.select(settings.backend(), settings.dockerHost(), runId);
      backend = selection.runtime().name();
      why = selection.why();
    } catch (ContainerException e) {
      selectionError = e;
      why = e.getMessage();
    }
    RunReport report =
        new RunReport(runId, Instant.now(), backend, why, HostInfo.read(Path.of("/proc")));
    Optional<ReplaySource> replay = engine.openedReplay();
    replay.ifPresent(r -> report.replayOf(r.describe()));
    settings.shard().ifPresent(s -> report.shard(s.shard()));
    return new MatrixExecutionContext(
        request.getEngineExecutionListener(),
        new RunServices(
            settings, selection, selectionError, runDirectory, replay, engine::planSource),
        new RunOutcome(report, settings, progress(engine, settings)));
  }

  /**
   * The console's progress of the run's variants, as {@code containermatrix.progress} says: by
   * default on, but quiet when the Maven build is ({@code -q}), see {@link QuietBuild}.
   */
  private static ConsoleProgress progress(MatrixEngineDescriptor engine, EngineSettings settings) {
    ProgressSetting setting = settings.progress();
    boolean quiet =
        setting.period().isPresent()
            && !setting.explicit()
            && QuietBuild.quiet(
                System.getenv(),
                new MavenBuildProbe(Path.of("/proc"))
                    .launcherArguments(ProcessHandle.current().pid()));
    int variants =
        (int) engine.getDescendants().stream().filter(VariantDescriptor.class::isInstance).count();
    return ConsoleProgress.start(
        setting.shownPeriod(quiet), variants, settings.parallelism(), System.err);
  }

  /**
   * Reaps what killed runs left behind, then makes this run's directory (channel sockets live
   * there).
   */
  private static RunDirectory openRunDirectory(DockerHost docker) {
    try {
      Reapers.forHost(docker).reap();
      return RunDirectory.create();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not prepare a run directory under "
              + RunDirectory.TMP
              + ": "
              + e.getMessage()
              + "; check that it exists and is writable",
          e);
    }
  }

  /**
   * Concurrent variants on every JUnit Platform from 1.10 on; admission, not threads, bounds
   * containers.
   */
  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    return new ContainerWaitExecutorService();
  }

  private static String newRunId() {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return time + "-" + HexFormat.of().formatHex(random);
  }
}
