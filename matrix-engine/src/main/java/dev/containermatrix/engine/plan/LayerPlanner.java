package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Plans the layer stacks of one class's variants so that they share everything but their tops: the
 * JDK (none where the JDK is inside the base image) → shared jars (those every variant has) → the
 * variant's own jars → main and test classes → config files. Each classpath layer holds its files
 * at their host paths, so the variant's classpath reads the same inside a container as on the host;
 * the config layer holds each config file at its target path. Every layer is content-addressed in
 * the {@link LayerStore}: built once, reused across variants, runs and projects.
 */
@API(status = INTERNAL, since = "0.1")
public final class LayerPlanner {
  private final LayerStore store;

  public LayerPlanner(LayerStore store) {
    this.store = store;
  }

  /** The stack of each variant (by variant id), bottom first. */
  public Map<String, List<PlannedLayer>> plan(List<VariantPlan> variants) {
    Set<Path> shared = null;
    for (VariantPlan variant : variants) {
      Set<Path> jars = new LinkedHashSet<>(jars(variant));
      if (shared == null) {
        shared = jars;
      } else {
        shared.retainAll(jars);
      }
    }
    Map<String, List<PlannedLayer>> stacks = new LinkedHashMap<>();
    if (shared == null) {
      return stacks;
    }
    Map<Set<Path>, PlannedLayer> built = new LinkedHashMap<>();
    Map<Path, PlannedLayer> jdks = new LinkedHashMap<>();
    Map<List<VariantPlan.PlannedFile>, PlannedLayer> configs = new LinkedHashMap<>();
    for (VariantPlan variant : variants) {
      List<PlannedLayer> stack = new ArrayList<>();
      if (!variant.jdkInBase()) {
        stack.add(jdks.computeIfAbsent(variant.jdkHome(), this::jdk));
      }
      addIfAny(stack, built, LayerRole.SHARED_JARS, shared);
      Set<Path> own = new LinkedHashSet<>(jars(variant));
      own.removeAll(shared);
      addIfAny(stack, built, LayerRole.VARIANT_JARS, own);
      addIfAny(stack, built, LayerRole.CLASSES, new LinkedHashSet<>(directories(variant)));
      if (!variant.files().isEmpty()) {
        stack.add(configs.computeIfAbsent(variant.files(), this::config));
      }
      stacks.put(variant.variant().id(), List.copyOf(stack));
    }
    return stacks;
  }

  /**
   * One layer of {@code role} holding {@code entries} (files, and directories with everything under
   * them) at their host paths; a replay builds today's classes layer with it.
   */
  public PlannedLayer layerOf(LayerRole role, List<Path> entries) {
    return store(role, new LinkedHashSet<>(entries));
  }

  private PlannedLayer jdk(Path home) {
    try {
      return new JdkLayers(store).layerOf(home);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not store JDK "
              + home
              + " as a layer in "
              + store.root()
              + ": "
              + e.getMessage()
              + "; check that the store is writable, or set containermatrix.store",
          e);
    }
  }

  /**
   * The config files at their targets, each with its host file's permission bits (a 0600 secret
   * stays 0600): content-addressed like any layer, so variants with the same files share it.
   */
  private PlannedLayer config(List<VariantPlan.PlannedFile> files) {
    ReproducibleLayer.Builder layer = ReproducibleLayer.builder();
    try {
      for (VariantPlan.PlannedFile file : files) {
        int mode = (int) Files.getAttribute(file.source(), "unix:mode");
        layer.addFile(file.target().substring(1), file.source(), mode & 0777);
      }
    } catch (IOException e) {
      throw storeFailure(LayerRole.CONFIG, files.size(), e);
    }
    return stored(LayerRole.CONFIG, layer, files.size());
  }

  private void addIfAny(
      List<PlannedLayer> stack,
      Map<Set<Path>, PlannedLayer> built,
      LayerRole role,
      Set<Path> entries) {
    if (!entries.isEmpty()) {
      stack.add(built.computeIfAbsent(entries, e -> store(role, e)));
    }
  }

  private PlannedLayer store(LayerRole role, Set<Path> entries) {
    try {
      ReproducibleLayer.Builder layer = ReproducibleLayer.builder();
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          addTree(layer, entry);
        } else {
          layer.addFile(inLayer(entry), entry, false);
        }
      }
      return stored(role, layer, entries.size());
    } catch (IOException e) {
      throw storeFailure(role, entries.size(), e);
    }
  }

  private PlannedLayer stored(LayerRole role, ReproducibleLayer.Builder layer, int entries) {
    try {
      return PlannedLayer.of(role, store.put(layer.build()));
    } catch (IOException e) {
      throw storeFailure(role, entries, e);
    }
  }

  private UncheckedIOException storeFailure(LayerRole role, int entries, IOException e) {
    return new UncheckedIOException(
        "Could not store the "
            + role
            + " layer of "
            + entries
            + " entries in "
            + store.root()
            + ": "
            + e.getMessage()
            + "; check that the store is writable, or set containermatrix.store",
        e);
  }

  private static void addTree(ReproducibleLayer.Builder layer, Path root) throws IOException {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted().toList()) {
        if (Files.isSymbolicLink(path)) {
          layer.addSymlink(inLayer(path), Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path)) {
          layer.addDirectory(inLayer(path));
        } else if (Files.isRegularFile(path)) {
          layer.addFile(inLayer(path), path, Files.isExecutable(path));
        }
      }
    }
  }

  /** The host path, made relative: the layer mirrors where the file is on the host. */
  private static String inLayer(Path hostPath) {
    return hostPath.toAbsolutePath().normalize().toString().substring(1);
  }

  private static List<Path> jars(VariantPlan variant) {
    return variant.classpath().stream().filter(Files::isRegularFile).toList();
  }

  private static List<Path> directories(VariantPlan variant) {
    return variant.classpath().stream().filter(Files::isDirectory).toList();
  }
}
