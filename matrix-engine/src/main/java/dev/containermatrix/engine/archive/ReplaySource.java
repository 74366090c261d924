package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.archive.ArchivedRun;
import dev.containermatrix.backend.archive.RunArchive;
import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.engine.expand.VariantDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.ResourceProfile;
import dev.containermatrix.engine.plan.BaseLayers;
import dev.containermatrix.engine.plan.LayerPlanner;
import dev.containermatrix.engine.plan.LayerStacks;
import dev.containermatrix.engine.plan.PlanSource;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * An archived run brought back for a replay: which of its variants to run again, each with the
 * environment it had then (JDK, jars, config files, env, properties, limits, base), and today's
 * test classes in place of the archived ones unless {@code containermatrix.replay.code=archived}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReplaySource implements PlanSource {
  private final ReplayRequest request;
  private final RunArchive archive;
  private final ArchivedRun run;
  private final RunRecord record;
  private final List<Path> todayClassDirectories;

  private ReplaySource(
      ReplayRequest request,
      RunArchive archive,
      ArchivedRun run,
      RunRecord record,
      List<Path> todayClassDirectories) {
    this.request = request;
    this.archive = archive;
    this.run = run;
    this.record = record;
    this.todayClassDirectories = List.copyOf(todayClassDirectories);
  }

  /**
   * Finds the run and reads its record (verified against its digest).
   *
   * @param hostClasspath today's test classpath: its directories are today's classes
   * @throws IOException naming the archive and the run when either is missing or the record is
   *     damaged
   */
  public static ReplaySource open(ReplayRequest request, List<Path> hostClasspath)
      throws IOException {
    Path directory = request.archiveDirectory();
    if (!Files.isDirectory(directory)) {
      throw new IOException(
          "cannot replay "
              + request.describe()
              + ": there is no archive at "
              + directory
              + "; set containermatrix.archive.dir to where the run was archived");
    }
    RunArchive archive = RunArchive.open(directory);
    List<ArchivedRun> runs = archive.reader().runs();
    Optional<ArchivedRun> run =
        request.runId().isPresent()
            ? runs.stream().filter(r -> r.runId().equals(request.runId().get())).findFirst()
            : runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    if (run.isEmpty()) {
      throw new IOException(
          "cannot replay "
              + request.describe()
              + ": the archive holds no such run"
              + (runs.isEmpty()
                  ? " (it is empty)"
                  : "; its runs are "
                      + runs.stream().map(ArchivedRun::runId).collect(Collectors.joining(", ")))
              + ". List them with: java -cp <classpath>"
              + " dev.containermatrix.backend.archive.ArchiveCommand list "
              + directory);
    }
    RunRecord record =
        RunRecordJson.read(
            archive.reader().readBlob(run.get().recordDigest()),
            "blob "
                + run.get().recordDigest()
                + " of run "
                + run.get().runId()
                + " in "
                + directory);
    List<Path> classDirectories = hostClasspath.stream().filter(Files::isDirectory).toList();
    return new ReplaySource(request, archive, run.get(), record, classDirectories);
  }

  public String runId() {
    return run.runId();
  }

  /** E.g. {@code run 20261127-… of /home/u/.containermatrix/archive}. */
  public String describe() {
    return "run " + run.runId() + " of " + archive.directory();
  }

  public RunRecord record() {
    return record;
  }

  /**
   * Reads every blob of the run in full against its digest, so a damaged archive runs nothing.
   *
   * @throws IOException naming the damaged blob
   */
  public void verify() throws IOException {
    archive.reader().verify(run);
  }

  /** The archived variants of {@code testClass} that the request's filter selects. */
  @Override
  public List<VariantDefinition> variants(
      String testClass, MatrixDefinition todayMatrix, List<VariantDefinition> expanded) {
    List<VariantDefinition> variants = new ArrayList<>();
    for (RunRecord.Variant archived : record.variantsOf(testClass)) {
      VariantDefinition definition =
          new VariantDefinition(archived.id(), archived.values(), todayMatrix);
      if (request.filter().map(f -> f.test(definition)).orElse(true)) {
        variants.add(definition);
      }
    }
    return variants;
  }

  /** An archived variant (one of {@link #variants}) as a plan for today's run. */
  @Override
  public VariantPlan plan(String testClass, VariantDefinition variant) {
    return plan(archived(testClass, variant.id()), variant);
  }

  private RunRecord.Variant archived(String testClass, String variantId) {
    return record.variantsOf(testClass).stream()
        .filter(v -> v.id().equals(variantId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "variant " + variantId + " of " + testClass + " is not in " + describe()));
  }

  private VariantPlan plan(RunRecord.Variant archived, VariantDefinition definition) {
    List<Path> classpath = new ArrayList<>();
    boolean codeAdded = false;
    for (String entry : archived.classpath()) {
      if (request.code() == ReplayRequest.CodeMode.CURRENT
          && archived.classDirectories().contains(entry)) {
        if (!codeAdded) {
          classpath.addAll(todayClassDirectories);
          codeAdded = true;
        }
      } else {
        classpath.add(Path.of(entry));
      }
    }
    if (request.code() == ReplayRequest.CodeMode.CURRENT && !codeAdded) {
      classpath.addAll(todayClassDirectories);
    }
    return new VariantPlan(
        archived.testClass(),
        definition,
        Path.of(archived.jdkHome()),
        archived.jdkFeature(),
        classpath,
        List.of(),
        List.of(),
        archived.env(),
        archived.systemProperties(),
        resources(archived),
        archived.base(),
        Optional.of(run.runId()),
        archived.jvmOptions());
  }

  private static Optional<ResourceProfile> resources(RunRecord.Variant archived) {
    RunRecord.Limits l = archived.limits();
    if (l.cpus() == null
        && l.memoryBytes() == null
        && l.pids() == null
        && l.nofile() == null
        && l.cpuset() == null) {
      return Optional.empty();
    }
    return Optional.of(
        ResourceProfile.of(
            archived.values().getOrDefault("resources", "archived"),
            Optional.ofNullable(l.cpus()),
            optional(l.memoryBytes()),
            optional(l.pids()),
            optional(l.nofile()),
            Optional.ofNullable(l.cpuset()),
            new Origin("archived run record")));
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * Each plan's layer stack, bottom first, brought from the archive into {@code store} (every blob
   * checked as it is read): the archived stack holds its base image's layers already. With today's
   * code, the archived classes layer is swapped for one of today's classes.
   */
  @Override
  public LayerStacks stacks(List<VariantPlan> plans, LayerStore store, BaseLayers bases) {
    Map<String, List<PlannedLayer>> stacks = new LinkedHashMap<>();
    PlannedLayer todayClasses = null;
    for (VariantPlan plan : plans) {
      RunRecord.Variant archived = archived(plan.testClass(), plan.variant().id());
      List<StoredLayer> stored;
      try {
        stored = archive.reader().importVariant(run, archived.key(), store);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot replay variant "
                + archived.name()
                + " of "
                + describe()
                + ": "
                + e.getMessage(),
            e);
      }
      List<PlannedLayer> stack = new ArrayList<>();
      for (int i = 0; i < stored.size(); i++) {
        LayerRole role = archived.layers().get(i).role();
        StoredLayer layer = stored.get(i);
        if (role == LayerRole.EXPORT_BASE) {
          continue;
        }
        if (role == LayerRole.CLASSES && request.code() == ReplayRequest.CodeMode.CURRENT) {
          if (todayClasses == null) {
            todayClasses =
                new LayerPlanner(store).layerOf(LayerRole.CLASSES, todayClassDirectories);
          }
          stack.add(todayClasses);
          continue;
        }
        stack.add(PlannedLayer.of(role, layer));
      }
      stacks.put(plan.variant().id(), List.copyOf(stack));
    }
    return plan -> stacks.getOrDefault(plan.variant().id(), List.of());
  }
}
