package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.layers.StoredLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Class-data archives, one per (kind, JDK, shared classpath, base, JVM options): which a variant
 * uses ({@link #decide}), and the archives in the {@link LayerStore} as layers of role {@link
 * LayerRole#CLASS_DATA} holding the file at {@value #DIRECTORY_INSIDE}{@code /<key>.<ext>}. The
 * layer's digest is remembered under the store's {@code plan-index/class-data/<key>}, so a later
 * run (or another JVM) finds it without training; {@link #lock} serializes training of one key
 * across JVMs.
 *
 * <p>Only the shared jars are archived: their layer is the same for every variant, and both archive
 * kinds accept a runtime classpath that extends the one they were dumped with, so every variant's
 * classpath starts with the shared jars (in the order its own classpath has them) and adds its own
 * jars and class directories after them. Class directories could not be archived anyway: both kinds
 * refuse non-empty directories on the dump-time classpath.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClassDataArchives {
  /** Where archives are inside a container. */
  public static final String DIRECTORY_INSIDE = "/opt/containermatrix/class-data";

  private final LayerStore store;
  private final PlanIndex index;

  public ClassDataArchives(LayerStore store) {
    this.store = store;
    this.index = new PlanIndex(store, "class-data");
  }

  /**
   * Whether a variant starts from an archive.
   *
   * @param plan the variant
   * @param stack its layers, bottom first, as the layer plan made them (base layers first if any)
   * @param jvmOptions the variant's JVM options that shape what an archive holds (JIT, GC,
   *     sharing); not its system properties
   */
  public static ClassDataDecision decide(
      VariantPlan plan, List<PlannedLayer> stack, List<String> jvmOptions) {
    Optional<ClassDataKind> kind = ClassDataKind.forFeature(plan.jdkFeature());
    if (kind.isEmpty()) {
      return new ClassDataDecision.Skip(
          "JDK " + plan.jdkFeature() + " has no dynamic class-data archive (JDK 13 or later has)");
    }
    List<PlannedLayer> training = new ArrayList<>();
    PlannedLayer shared = null;
    for (PlannedLayer layer : stack) {
      if (layer.role() == LayerRole.BASE || layer.role() == LayerRole.JDK) {
        training.add(layer);
      } else if (layer.role() == LayerRole.SHARED_JARS) {
        shared = layer;
      }
    }
    if (shared == null) {
      return new ClassDataDecision.Skip(
          "the variants of " + plan.testClass() + " share no jar, so there is nothing to archive");
    }
    training.add(shared);
    PlannedLayer sharedLayer = shared;
    List<Path> classpath =
        plan.classpath().stream()
            .filter(entry -> Files.isRegularFile(inLayer(sharedLayer.directory(), entry)))
            .toList();
    List<String> options = kind.get().compatibleOptions(jvmOptions);
    StringBuilder identity = new StringBuilder(kind.get().name()).append('\n');
    training.forEach(
        l -> identity.append(l.role().label()).append(' ').append(l.digest()).append('\n'));
    classpath.forEach(entry -> identity.append("cp ").append(entry).append('\n'));
    options.forEach(option -> identity.append("opt ").append(option).append('\n'));
    return new ClassDataDecision.Use(
        kind.get(), PlanIndex.key(identity.toString()), training, classpath, options);
  }

  /**
   * {@code classpath} reordered as the layers stack it: the shared jars first, in their order, then
   * the variant's own jars and class directories, each in its order.
   */
  public static List<Path> sharedFirst(List<Path> classpath, List<Path> sharedJars) {
    List<Path> ordered = new ArrayList<>(sharedJars);
    classpath.stream()
        .filter(entry -> !sharedJars.contains(entry) && Files.isRegularFile(entry))
        .forEach(ordered::add);
    classpath.stream()
        .filter(entry -> !sharedJars.contains(entry) && !Files.isRegularFile(entry))
        .forEach(ordered::add);
    return List.copyOf(ordered);
  }

  /** The archive layer of {@code key}, if this store has it; {@code built} is false. */
  public Optional<PlannedLayer> find(String key) throws IOException {
    return index.find(key).map(ClassDataArchives::planned);
  }

  /**
   * Stores the archive file {@code archive} (as a training container wrote it) as the layer of
   * {@code key} and indexes it.
   */
  public PlannedLayer put(ClassDataDecision.Use use, Path archive) throws IOException {
    String inLayer = use.pathInside().substring(1);
    StoredLayer stored =
        store.put(ReproducibleLayer.builder().addFile(inLayer, archive, false).build());
    index.remember(use.key(), stored);
    return planned(stored);
  }

  /**
   * Holds the training of {@code key} for this JVM and every other one using the store (a file lock
   * next to the index entry) until closed. Whoever gets it second should {@link #find} first.
   */
  public AutoCloseable lock(String key) throws IOException {
    Path file = index.entry(key).resolveSibling(key + ".lock");
    Files.createDirectories(file.getParent());
    return StoreLock.acquire(file);
  }

  private static PlannedLayer planned(StoredLayer layer) {
    return PlannedLayer.of(LayerRole.CLASS_DATA, layer);
  }

  private static Path inLayer(Path layerDirectory, Path hostPath) {
    String relative = hostPath.toAbsolutePath().normalize().toString().substring(1);
    return relative.isEmpty() ? layerDirectory : layerDirectory.resolve(relative);
  }
}
