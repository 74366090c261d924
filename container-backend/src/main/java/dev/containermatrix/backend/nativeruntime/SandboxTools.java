package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.nativeruntime.probe.ExecutableSearch;
import dev.containermatrix.backend.nativeruntime.probe.Ldd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host programs that switch a container into its sandbox: {@code pivot_root}, run while the
 * host's root is still there, and {@code umount} and {@code setpriv}, which must run after the
 * container's root has replaced it. Those two are copied, with the shared libraries {@code ldd}
 * names and the host's dynamic loader, into a directory that every container sees read-only at
 * {@value #INSIDE}, and are started through that loader: so they work on any base image, whatever
 * its own libc (a host program loaded by an older image's loader would fail on missing symbol
 * versions).
 */
final class SandboxTools {
  /** Where a container sees the copied programs. */
  static final String INSIDE = "/run/containermatrix/init";

  private static final String INSTALL =
      "install util-linux (it has pivot_root, umount and setpriv)";

  private final Path pivotRoot;
  private final Path umount;
  private final Path setpriv;
  private final Optional<Path> loader;
  private final List<Path> libraries;

  private SandboxTools(
      Path pivotRoot, Path umount, Path setpriv, Optional<Path> loader, List<Path> libraries) {
    this.pivotRoot = pivotRoot;
    this.umount = umount;
    this.setpriv = setpriv;
    this.loader = loader;
    this.libraries = List.copyOf(libraries);
  }

  /**
   * Finds the programs on {@code PATH}, {@code /usr/sbin} and {@code /sbin}, and what they load.
   *
   * @throws IOException naming the program that is missing, or what {@code ldd} could not resolve
   */
  static SandboxTools locate(ExecutableSearch search) throws IOException {
    Path pivotRoot = find(search, "pivot_root");
    Path umount = find(search, "umount");
    Path setpriv = find(search, "setpriv");
    Optional<Path> loader = Optional.empty();
    Set<Path> libraries = new LinkedHashSet<>();
    for (Path program : List.of(umount, setpriv)) {
      Ldd.Linkage ldd = Ldd.DEFAULT.linkage(program);
      if (loader.isPresent() && ldd.loader().isPresent() && !loader.equals(ldd.loader())) {
        throw new IOException(
            umount
                + " and "
                + setpriv
                + " name different dynamic loaders ("
                + loader.get()
                + ", "
                + ldd.loader().get()
                + "); "
                + INSTALL
                + " from one distribution");
      }
      loader = loader.or(ldd::loader);
      libraries.addAll(ldd.libraries());
    }
    return new SandboxTools(pivotRoot, umount, setpriv, loader, new ArrayList<>(libraries));
  }

  private static Path find(ExecutableSearch search, String name) throws IOException {
    return search
        .find(name)
        .orElseThrow(
            () ->
                new IOException(
                    name
                        + " is neither on PATH nor in /usr/sbin or /sbin; the native runtime needs"
                        + " it to sandbox containers: "
                        + INSTALL));
  }

  /** The host's {@code pivot_root}, run by its path before the root moves. */
  Path pivotRoot() {
    return pivotRoot;
  }

  /**
   * Copies the programs, libraries and loader into {@code directory} (a layer's {@code
   * run/containermatrix/init}): {@code bin/}, {@code lib/} and {@code ld.so}, read-only.
   */
  void copyInto(Path directory) throws IOException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path lib = Files.createDirectories(directory.resolve("lib"));
    Files.copy(umount, bin.resolve("umount"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(setpriv, bin.resolve("setpriv"), StandardCopyOption.REPLACE_EXISTING);
    for (Path library : libraries) {
      Files.copy(
          library,
          lib.resolve(library.getFileName().toString()),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (loader.isPresent()) {
      Files.copy(loader.get(), directory.resolve("ld.so"), StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(
          directory.resolve("ld.so"), PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    for (Path program : List.of(bin.resolve("umount"), bin.resolve("setpriv"))) {
      Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  /**
   * The words that run the copied {@code program} ({@code umount} or {@code setpriv}) inside a
   * container.
   */
  static List<String> inside(boolean viaLoader, String program) {
    String binary = INSIDE + "/bin/" + program;
    return viaLoader
        ? List.of(INSIDE + "/ld.so", "--library-path", INSIDE + "/lib", binary)
        : List.of(binary);
  }

  /**
   * Whether the copied programs are started through the copied loader (they are dynamically
   * linked).
   */
  boolean viaLoader() {
    return loader.isPresent();
  }
}
