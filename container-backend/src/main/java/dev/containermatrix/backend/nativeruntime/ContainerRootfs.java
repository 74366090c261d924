package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One container's filesystem, prepared on the host: its directories (a config layer, the overlay's
 * upper and work directories, the mount point of its root) and its mount table. Nothing is mounted
 * here; {@code mount -a} does that inside the container's own mount namespace, so every mount dies
 * with the container.
 *
 * <p>Inside, the container sees: the layers, top first, over the base; the host directories the
 * base binds; a fresh {@code /proc}, masked as {@link SandboxPolicy} says; no {@code /sys}; a
 * minimal {@code /dev}; a private, writable {@code /tmp} (part of the root overlay); {@code
 * /etc/hosts} and {@code /etc/hostname} with its hostname; its config files at their paths; the
 * spec's writable directories, bound read-write at their host paths; the JDK and classpath entries
 * read-only at their host paths; its working directory copy-on-write over the host's; and the event
 * channel at {@value #CHANNEL_INSIDE}.
 */
final class ContainerRootfs {
  static final String CHANNEL_INSIDE = "/run/containermatrix/channel.sock";
  static final String ARGFILE_INSIDE = "/run/containermatrix/java.args";

  private final Path directory;

  /**
   * @param directory this container's own directory on the host, created if missing
   */
  ContainerRootfs(Path directory) {
    this.directory = directory;
  }

  Path root() {
    return directory.resolve("root");
  }

  Path fstabFile() {
    return directory.resolve("fstab");
  }

  /** What of {@code spec} this layout cannot place, one sentence each; empty when all fits. */
  static List<String> unplaceable(ContainerSpec spec) {
    Path wd = spec.workingDirectory();
    if (wd.getNameCount() == 0) {
      return List.of(
          "the native backend cannot use / as working directory: it is the container's own root;"
              + " use the module's directory");
    }
    return List.of();
  }

  /**
   * Writes the config layer and the mount table.
   *
   * @param argFileContent the JVM argument file, placed at {@value #ARGFILE_INSIDE}
   * @param sandbox what of {@code /proc} the container may see and change
   * @param rootless whether the container has a user namespace (then overlays use {@code
   *     userxattr})
   */
  void prepare(
      ContainerSpec spec,
      HostBaseLayer base,
      SandboxPolicy sandbox,
      String argFileContent,
      boolean rootless)
      throws IOException {
    Path config = directory.resolve("config");
    for (String name : List.of("upper", "work", "root", "wd-upper", "wd-work")) {
      Files.createDirectories(directory.resolve(name));
    }
    Path etc = Files.createDirectories(config.resolve("etc"));
    Files.writeString(etc.resolve("hostname"), spec.hostname() + "\n");
    Files.writeString(
        etc.resolve("hosts"),
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t"
            + spec.hostname()
            + "\n");
    Path run = Files.createDirectories(inside(config, Path.of("/run/containermatrix")));
    Files.writeString(run.resolve("java.args"), argFileContent, StandardCharsets.UTF_8);
    Files.createFile(run.resolve("channel.sock"));
    for (FileMount file : spec.files()) {
      Path target = inside(config, Path.of(file.target()));
      Files.createDirectories(target.getParent());
      Files.copy(file.source(), target);
    }

    // top first: the config layer, the variant's layers, then the base: the host skeleton, or the
    // runtime skeleton over the image's own layers
    List<Path> lower = new ArrayList<>();
    lower.add(config);
    List<Layer> layers = new ArrayList<>(spec.layers());
    java.util.Collections.reverse(layers);
    layers.stream().filter(l -> !isBase(l)).forEach(layer -> lower.add(layer.directory()));
    lower.add(base.directory());
    layers.stream().filter(ContainerRootfs::isBase).forEach(layer -> lower.add(layer.directory()));

    Fstab fstab =
        new Fstab()
            .overlay(
                root(), lower, directory.resolve("upper"), directory.resolve("work"), rootless);
    for (Path dir : base.bindDirectories()) {
      fstab.bindReadOnly(dir, inside(root(), dir));
    }
    for (String device : HostBaseLayer.DEVICES) {
      fstab.bind(Path.of("/dev", device), root().resolve("dev").resolve(device));
    }
    // /tmp needs no mount: the root overlay is already private and writable per container, and
    // paths
    // below /tmp (a project checked out there) can then be placed like any other
    fstab
        .devpts(root().resolve("dev/pts"))
        .tmpfs(root().resolve("dev/shm"), "mode=1777,nosuid,nodev");
    sandbox.mountProc(fstab, root().resolve("proc"));

    Path wd = spec.workingDirectory();
    Set<Path> visible = new LinkedHashSet<>(base.bindDirectories());
    visible.add(wd);
    List<Path> layerDirectories =
        spec.layers().stream().filter(l -> !isBase(l)).map(Layer::directory).toList();
    for (Path entry : readOnlyEntries(spec)) {
      if (visible.stream().anyMatch(entry::startsWith) || inAnyLayer(layerDirectories, entry)) {
        continue;
      }
      Path stub = inside(config, entry);
      Files.createDirectories(stub.getParent());
      if (Files.isDirectory(entry)) {
        Files.createDirectories(stub);
      } else if (!Files.exists(stub)) {
        Files.createFile(stub);
      }
      fstab.bindReadOnly(entry, inside(root(), entry));
      visible.add(entry);
    }
    Files.createDirectories(inside(config, wd));
    fstab.overlay(
        inside(root(), wd),
        workingDirectoryLowers(layerDirectories, wd),
        directory.resolve("wd-upper"),
        directory.resolve("wd-work"),
        rootless);
    // after the working directory's overlay, so that one below it is still the host's
    for (Path writable : spec.writableDirectories()) {
      Files.createDirectories(inside(config, writable));
      fstab.bind(writable, inside(root(), writable));
    }
    if (Files.exists(spec.channelSocket())) {
      fstab.bind(spec.channelSocket(), inside(root(), Path.of(CHANNEL_INSIDE)));
    }
    Files.writeString(fstabFile(), fstab.render());
  }

  /**
   * The lower directories of the working directory's overlay, top first: what the variant's layers
   * hold under it (its classes, say), then the host's directory. So a layer's files win over the
   * host's, as everywhere else in the container: a replay of archived classes sees them, not
   * today's.
   */
  private static List<Path> workingDirectoryLowers(List<Path> layerDirectories, Path wd) {
    List<Path> lowers = new java.util.ArrayList<>();
    for (int i = layerDirectories.size() - 1; i >= 0; i--) {
      Path underWd = inside(layerDirectories.get(i), wd);
      if (Files.isDirectory(underWd)) {
        lowers.add(underWd);
      }
    }
    lowers.add(wd);
    return lowers;
  }

  /**
   * The JDK and the classpath entries, each once, the JDK first; not a JDK inside the base image,
   * which must not be covered by whatever the host has at that path.
   */
  private static List<Path> readOnlyEntries(ContainerSpec spec) {
    Set<Path> entries = new LinkedHashSet<>();
    if (!spec.command().javaHomeInImage()) {
      entries.add(spec.command().javaHome());
    }
    entries.addAll(spec.command().classpath());
    return entries.stream().filter(Files::exists).toList();
  }

  /** Whether {@code layer} is one of the base image's own layers. */
  static boolean isBase(Layer layer) {
    return Layer.BASE.equals(layer.role());
  }

  /** Whether a layer holds {@code entry} at its own path, so that it needs no bind mount. */
  private static boolean inAnyLayer(List<Path> layers, Path entry) {
    return layers.stream().anyMatch(layer -> Files.exists(inside(layer, entry)));
  }

  /** {@code absolute} as a path below {@code root}. */
  static Path inside(Path root, Path absolute) {
    return Optional.of(absolute.toString().substring(1))
        .filter(s -> !s.isEmpty())
        .map(root::resolve)
        .orElse(root);
  }
}
