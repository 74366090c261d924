package dev.containermatrix.engine.plan;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK as a layer: its home at its host path, self-contained. Links that leave the JDK (Debian's
 * {@code conf/} and {@code lib/security} point into {@code /etc/java-<n>-openjdk}) are replaced by
 * what they point to, so the JDK runs on any base. A JDK is hundreds of megabytes, so the layer's
 * digest is remembered under the store's {@code plan-index/jdk/} by the JDK's identity (home, its
 * {@code release} file, the size and time of {@code lib/modules}), and a later run does not hash it
 * again.
 */
final class JdkLayers {
  private final LayerStore store;

  JdkLayers(LayerStore store) {
    this.store = store;
  }

  PlannedLayer layerOf(Path jdkHome) throws IOException {
    PlanIndex index = new PlanIndex(store, "jdk");
    String key = identity(jdkHome);
    Optional<StoredLayer> known = index.find(key);
    if (known.isPresent()) {
      return planned(known.get());
    }
    StoredLayer stored = store.put(build(jdkHome));
    index.remember(key, stored);
    return planned(stored);
  }

  private static PlannedLayer planned(StoredLayer layer) {
    return PlannedLayer.of(LayerRole.JDK, layer);
  }

  private static ReproducibleLayer build(Path jdkHome) throws IOException {
    Path home = jdkHome.toRealPath();
    ReproducibleLayer.Builder layer = ReproducibleLayer.builder();
    addTree(layer, home, home, home);
    return layer.build();
  }

  /**
   * Adds {@code source}'s tree at the layer path of {@code at}; links leaving {@code home} are
   * followed.
   */
  private static void addTree(ReproducibleLayer.Builder layer, Path home, Path source, Path at)
      throws IOException {
    try (Stream<Path> tree = Files.walk(source)) {
      for (Path path : tree.sorted().toList()) {
        Path target = at.resolve(source.relativize(path).toString());
        String inLayer = target.toString().substring(1);
        if (Files.isSymbolicLink(path)) {
          Path resolved = Files.exists(path) ? path.toRealPath() : null;
          if (resolved == null || resolved.startsWith(home)) {
            // inside the JDK, or dangling (Debian's lib/src.zip without the source package): kept
            // as a link
            layer.addSymlink(inLayer, Files.readSymbolicLink(path).toString());
          } else if (Files.isDirectory(resolved)) {
            addTree(layer, home, resolved, target);
          } else {
            layer.addFile(inLayer, resolved, Files.isExecutable(resolved));
          }
        } else if (Files.isDirectory(path)) {
          layer.addDirectory(inLayer);
        } else if (Files.isRegularFile(path)) {
          layer.addFile(inLayer, path, Files.isExecutable(path));
        }
      }
    }
  }

  private static String identity(Path jdkHome) throws IOException {
    Path home = jdkHome.toRealPath();
    StringBuilder text = new StringBuilder(home.toString()).append('\n');
    Path release = home.resolve("release");
    if (Files.isRegularFile(release)) {
      text.append(Files.readString(release)).append('\n');
    }
    Path modules = home.resolve("lib/modules");
    if (Files.exists(modules)) {
      text.append(Files.size(modules))
          .append(' ')
          .append(Files.getLastModifiedTime(modules).toMillis());
    }
    return PlanIndex.key(text.toString());
  }
}
