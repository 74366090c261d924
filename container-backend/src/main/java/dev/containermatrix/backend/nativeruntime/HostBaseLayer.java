package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.hostfs.HostSystem;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code host} base image: the host's own system directories, read-only, and a minimal {@code
 * /etc}; never {@code /home}, {@code /root}, {@code /tmp} or {@code /var}.
 *
 * <p>It is a skeleton directory (the top-level symlinks of a merged-/usr host, empty mount points,
 * {@code /dev} stubs, copies of the few {@code /etc} entries a JVM reads) used as the bottom
 * overlay layer, plus the host directories that are bind-mounted read-only over its mount points:
 * {@code /usr}, and {@code /bin}, {@code /sbin}, {@code /lib*} where the host has them as real
 * directories.
 */
final class HostBaseLayer {
  static final List<String> TOP_LEVEL = HostSystem.TOP_LEVEL;
  static final List<String> MOUNT_POINTS =
      List.of(
          "usr",
          "proc",
          "dev",
          "dev/pts",
          "dev/shm",
          "tmp",
          "sys",
          "run",
          "run/containermatrix",
          "opt",
          "root",
          "home",
          "var",
          "var/tmp",
          "mnt");
  static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

  static final List<String> ETC_FILES = HostSystem.ETC_FILES;

  static final List<String> ETC_DIRECTORIES = HostSystem.ETC_DIRECTORIES;

  private final Path directory;
  private final List<Path> bindDirectories;

  private HostBaseLayer(Path directory, List<Path> bindDirectories) {
    this.directory = directory;
    this.bindDirectories = List.copyOf(bindDirectories);
  }

  /** The skeleton directory, the bottom layer. */
  Path directory() {
    return directory;
  }

  /**
   * Host directories to bind read-only at the same path: {@code /usr}, real {@code /bin} etc., and
   * the /etc directories of {@link #ETC_DIRECTORIES} and {@code /etc/java-*}.
   */
  List<Path> bindDirectories() {
    return bindDirectories;
  }

  /**
   * Builds the skeleton in {@code directory} from the host whose root is {@code hostRoot}: in a
   * sibling temp directory first, renamed into place when complete, so a failed build leaves
   * nothing half-made.
   */
  static HostBaseLayer build(Path hostRoot, Path directory, SandboxTools tools) throws IOException {
    return build(hostRoot, directory, true, tools);
  }

  /**
   * The skeleton that goes above an image's own layers: only the mount points, {@code /dev} stubs
   * and a {@code /tmp} anyone may write; the host's system directories stay out, except Debian JDK
   * configuration ({@code /etc/java-*}), which a host JDK bound into the image still links into.
   */
  static HostBaseLayer skeletonForImages(Path hostRoot, Path directory, SandboxTools tools)
      throws IOException {
    return build(hostRoot, directory, false, tools);
  }

  private static HostBaseLayer build(
      Path hostRoot, Path directory, boolean hostSystem, SandboxTools tools) throws IOException {
    Path partial =
        Files.createTempDirectory(directory.getParent(), directory.getFileName() + ".partial-");
    try {
      List<Path> binds = buildInto(hostRoot, partial, hostSystem);
      Files.createDirectories(ContainerRootfs.inside(partial, Path.of(LaunchScript.OLD_ROOT)));
      tools.copyInto(
          Files.createDirectories(ContainerRootfs.inside(partial, Path.of(SandboxTools.INSIDE))));
      Files.move(partial, directory, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return new HostBaseLayer(directory, binds);
    } finally {
      ContainerTeardown.deleteTree(partial);
    }
  }

  private static List<Path> buildInto(Path hostRoot, Path directory, boolean hostSystem)
      throws IOException {
    Files.setPosixFilePermissions(
        directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    List<Path> binds = new ArrayList<>();
    if (hostSystem) {
      binds.add(Path.of("/usr"));
    }
    for (String name : hostSystem ? TOP_LEVEL : List.<String>of()) {
      Path host = hostRoot.resolve(name);
      Path inLayer = directory.resolve(name);
      if (Files.isSymbolicLink(host)) {
        Files.createSymbolicLink(inLayer, Files.readSymbolicLink(host));
      } else if (Files.isDirectory(host)) {
        Files.createDirectories(inLayer);
        binds.add(Path.of("/" + name));
      }
    }
    for (String name :
        hostSystem
            ? MOUNT_POINTS
            : List.of("proc", "dev", "dev/pts", "dev/shm", "tmp", "run", "run/containermatrix")) {
      Files.createDirectories(directory.resolve(name));
    }
    Path dev = directory.resolve("dev");
    for (String device : DEVICES) {
      Files.createFile(dev.resolve(device));
    }
    Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
    Files.createSymbolicLink(dev.resolve("stdin"), Path.of("/proc/self/fd/0"));
    Files.createSymbolicLink(dev.resolve("stdout"), Path.of("/proc/self/fd/1"));
    Files.createSymbolicLink(dev.resolve("stderr"), Path.of("/proc/self/fd/2"));
    Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));
    Path etc = directory.resolve("etc");
    Files.createDirectories(etc);
    Path hostEtc = hostRoot.resolve("etc");
    for (String name : hostSystem ? ETC_FILES : List.<String>of()) {
      copy(hostEtc.resolve(name), etc.resolve(name));
    }
    List<String> etcDirectories = new ArrayList<>(hostSystem ? ETC_DIRECTORIES : List.of());
    try (var javaEtc = Files.newDirectoryStream(hostEtc, "java-*")) {
      javaEtc.forEach(entry -> etcDirectories.add(entry.getFileName().toString()));
    }
    for (String name : etcDirectories) {
      Path host = hostEtc.resolve(name);
      if (Files.isDirectory(host) && !Files.isSymbolicLink(host) && Files.isReadable(host)) {
        Files.createDirectories(etc.resolve(name));
        binds.add(Path.of("/etc", name));
      }
    }
    Files.setPosixFilePermissions(
        directory.resolve("tmp"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    return binds;
  }

  /**
   * Copies a file, link or tree, keeping symbolic links as links; skips what is absent or
   * unreadable.
   */
  private static void copy(Path source, Path target) throws IOException {
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(source)) {
      return;
    }
    if (Files.isSymbolicLink(source) || !Files.isDirectory(source)) {
      Files.createDirectories(target.getParent());
      copyEntry(source, target);
      return;
    }
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            copyEntry(file, target.resolve(source.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void copyEntry(Path source, Path target) throws IOException {
    if (Files.isSymbolicLink(source)) {
      Files.createSymbolicLink(target, Files.readSymbolicLink(source));
    } else if (Files.isReadable(source)) {
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
