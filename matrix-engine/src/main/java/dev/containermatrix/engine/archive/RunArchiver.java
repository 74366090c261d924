package dev.containermatrix.engine.archive;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.archive.ImageSpec;
import dev.containermatrix.backend.archive.NativeClosure;
import dev.containermatrix.backend.archive.RetentionPolicy;
import dev.containermatrix.backend.archive.RunArchive;
import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.engine.plan.PlannedLayer;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.engine.report.RunReport;
import dev.containermatrix.engine.report.VariantReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Writes a finished run into the run archive: each variant's layers (stored once across variants
 * and runs), an image per variant that runs its tests by hand, its OCI runtime config, and the run
 * record; then applies the retention rules.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunArchiver {
  /**
   * Files of /etc a JVM reads at start, added to a host-based variant's export base when the host
   * has them.
   */
  private static final List<Path> EXPORT_BASE_FILES =
      List.of(
          Path.of("/etc/passwd"),
          Path.of("/etc/group"),
          Path.of("/etc/nsswitch.conf"),
          Path.of("/etc/hosts"),
          Path.of("/etc/ld.so.cache"));

  private final RunArchive archive;
  private final LayerStore store;
  private final String standaloneArgument;
  private final Map<String, Descriptor> layers = new HashMap<>();
  private final Map<Path, StoredLayer> exportBases = new HashMap<>();
  private final Map<String, Descriptor> images = new LinkedHashMap<>();

  /**
   * @param standaloneArgument the agent's first argument that makes it print its results without a
   *     host (junit-extension's {@code AgentMain.STANDALONE}), put in each image's command
   */
  public RunArchiver(RunArchive archive, LayerStore store, String standaloneArgument) {
    this.archive = archive;
    this.store = store;
    this.standaloneArgument = Objects.requireNonNull(standaloneArgument, "standaloneArgument");
  }

  /**
   * Archives the run and applies {@code retention} (which should protect this run, see {@link
   * RetentionPolicy#withProtectedRun}).
   *
   * @param replayOf the run this one replayed, if it was a replay
   */
  public ArchivedRunSummary archive(
      RunReport report,
      List<ArchiveCandidate> candidates,
      Path projectDirectory,
      Optional<String> replayOf,
      RetentionPolicy retention)
      throws IOException {
    Map<String, String> refs = new LinkedHashMap<>();
    List<RunRecord.Variant> variants = new ArrayList<>();
    for (ArchiveCandidate candidate : candidates) {
      String key = key(candidate, images);
      variants.add(archive(key, candidate));
      refs.put(
          candidate.plan().testClass() + "#" + candidate.plan().variant().id(),
          report.runId() + "-" + key);
    }
    RunRecord record =
        new RunRecord(
            RunRecord.FORMAT,
            report.runId(),
            report.startedAt().toString(),
            Instant.now().toString(),
            report.backend(),
            host(report),
            projectDirectory.toString(),
            GitCommit.of(projectDirectory).orElse(null),
            replayOf.orElse(null),
            matrices(report),
            variants);
    Descriptor recordBlob =
        archive.writer().addBlob(RunRecordJson.write(record), RunArchive.RECORD_MEDIA_TYPE);
    archive.writer().commitRun(report.runId(), report.startedAt(), recordBlob, images);
    int removed = archive.accounts().retain(retention).removedRuns().size();
    return new ArchivedRunSummary(
        archive.directory(),
        report.runId(),
        recordBlob.digest().toString(),
        refs,
        removed,
        archive.reader().runs().size(),
        archive.accounts().blobBytes());
  }

  private RunRecord.Variant archive(String key, ArchiveCandidate candidate) throws IOException {
    VariantPlan plan = candidate.plan();
    List<Descriptor> blobs = new ArrayList<>();
    List<RunRecord.ArchivedLayer> recorded = new ArrayList<>();
    if ("host".equals(plan.base())) {
      StoredLayer base = exportBase(plan.jdkHome());
      Descriptor blob = layer(base);
      blobs.add(blob);
      recorded.add(
          new RunRecord.ArchivedLayer(
              LayerRole.EXPORT_BASE,
              blob.digest().toString(),
              base.digest().toString(),
              blob.size()));
    }
    for (PlannedLayer layer : candidate.layers()) {
      StoredLayer stored =
          store
              .get(layer.digest())
              .orElseThrow(
                  () ->
                      new IOException(
                          "layer "
                              + layer.digest()
                              + " ("
                              + layer.role()
                              + ") of variant "
                              + plan.variant().displayName()
                              + " is no longer in the layer store "
                              + store.root()
                              + "; run again to archive it"));
      Descriptor blob = layer(stored);
      blobs.add(blob);
      recorded.add(
          new RunRecord.ArchivedLayer(
              layer.role(), blob.digest().toString(), layer.digest().toString(), blob.size()));
    }
    VariantImage image = new VariantImage(candidate.spec(), plan, standaloneArgument);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("dev.containermatrix.class", plan.testClass());
    labels.put("dev.containermatrix.variant", plan.variant().id());
    labels.put("dev.containermatrix.name", plan.variant().displayName());
    Descriptor manifest =
        archive
            .writer()
            .addImage(
                new ImageSpec(
                    blobs,
                    image.environment(),
                    image.command(),
                    candidate.spec().workingDirectory().toString(),
                    labels,
                    image.runtimeConfig()));
    images.put(key, manifest);
    return variantRecord(key, candidate, recorded, manifest);
  }

  private RunRecord.Variant variantRecord(
      String key,
      ArchiveCandidate candidate,
      List<RunRecord.ArchivedLayer> layers,
      Descriptor manifest)
      throws IOException {
    VariantPlan plan = candidate.plan();
    VariantReport report = candidate.report();
    List<RunRecord.ConfigFile> files = new ArrayList<>();
    for (VariantPlan.PlannedFile file : plan.files()) {
      files.add(
          new RunRecord.ConfigFile(file.target(), file.source().toString(), sha256(file.source())));
    }
    var limits = RunRecord.Limits.of(plan.limits());
    return new RunRecord.Variant(
        key,
        plan.variant().id(),
        plan.testClass(),
        plan.variant().displayName(),
        plan.variant().values(),
        plan.base(),
        plan.jdkHome().toString(),
        plan.jdkFeature(),
        candidate.spec().command().classpath().stream().map(Path::toString).toList(),
        plan.classpath().stream().filter(Files::isDirectory).map(Path::toString).toList(),
        candidate.spec().command().jvmOptions(),
        plan.env(),
        plan.systemProperties(),
        limits,
        files,
        layers,
        manifest.digest().toString(),
        candidate.spec().timeout().toMillis(),
        new RunRecord.Result(
            report.status().name(),
            report.reason().orElse(null),
            report.tests().passed(),
            report.tests().failed(),
            report.tests().skipped(),
            report.durationMillis()));
  }

  private Descriptor layer(StoredLayer stored) throws IOException {
    Descriptor blob = layers.get(stored.digest().toString());
    if (blob == null) {
      blob = archive.writer().addLayer(stored);
      layers.put(stored.digest().toString(), blob);
    }
    return blob;
  }

  /**
   * The JDK's native libraries and the few /etc files a JVM reads, so an exported host-based
   * variant runs anywhere.
   */
  private StoredLayer exportBase(Path jdkHome) throws IOException {
    StoredLayer base = exportBases.get(jdkHome);
    if (base == null) {
      base = store.put(NativeClosure.layer(List.of(jdkHome), EXPORT_BASE_FILES));
      exportBases.put(jdkHome, base);
    }
    return base;
  }

  private static String key(ArchiveCandidate candidate, Map<String, Descriptor> taken) {
    String simple =
        candidate
            .plan()
            .testClass()
            .substring(candidate.plan().testClass().lastIndexOf('.') + 1)
            .replace('$', '.');
    String key = simple + "." + candidate.plan().variant().id();
    for (int n = 2; taken.containsKey(key); n++) {
      key = simple + "-" + n + "." + candidate.plan().variant().id();
    }
    return key;
  }

  private static RunRecord.Host host(RunReport report) {
    var host = report.host();
    return new RunRecord.Host(
        host.kernel(),
        host.arch(),
        host.cpus(),
        host.memoryBytes().isPresent() ? host.memoryBytes().getAsLong() : null);
  }

  private static List<RunRecord.Matrix> matrices(RunReport report) {
    return report.matrices().stream()
        .map(
            m ->
                new RunRecord.Matrix(
                    m.testClass(), m.source(), m.combinations(), 0, m.variants(), m.fullProduct()))
        .toList();
  }

  private static String sha256(Path file) throws IOException {
    return Digest.of(Files.newInputStream(file)).hex();
  }
}
