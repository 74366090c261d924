package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.nativeruntime.probe.Ldd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * A layer of the host's shared libraries that some ELF files need: what gives an exported {@code
 * host}-based variant (whose JDK is a layer of its own) a base it runs on outside this host.
 *
 * <pre>{@code
 * ReproducibleLayer base = NativeClosure.layer(List.of(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64")),
 *     List.of(Path.of("/etc/passwd"), Path.of("/etc/group"), Path.of("/etc/nsswitch.conf"), Path.of("/etc/hosts")));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NativeClosure {

  private static final int LDD_BATCH = 64;
  private static final int MAX_LINKS = 40;

  private NativeClosure() {}

  /**
   * The libraries that {@code ldd} says the ELF files under {@code elfRoots} need (the dynamic
   * loader included), at their host paths, with every symlink on the way to them (e.g. {@code
   * /lib64 -> usr/lib64}) kept as a symlink and its target added too; minus files under {@code
   * elfRoots} themselves; plus {@code extraFiles} that exist (others are skipped). Libraries {@code
   * ldd} cannot find are left out.
   *
   * @param elfRoots files or directories; every regular file under them that starts with the ELF
   *     magic is asked about
   * @param extraFiles absolute host paths to add as they are
   * @throws IOException if {@code ldd} cannot be run, or does not finish within {@link
   *     Ldd#DEFAULT}'s time limit (60 s for each batch of 64 files)
   */
  public static ReproducibleLayer layer(List<Path> elfRoots, List<Path> extraFiles)
      throws IOException {
    return layer(elfRoots, extraFiles, Ldd.DEFAULT);
  }

  static ReproducibleLayer layer(List<Path> elfRoots, List<Path> extraFiles, Ldd ldd)
      throws IOException {
    List<Path> roots = new ArrayList<>();
    for (Path root : elfRoots) {
      roots.add(root.toAbsolutePath().normalize());
      if (Files.exists(root)) {
        roots.add(root.toRealPath());
      }
    }
    Set<Path> libraries = new TreeSet<>();
    List<Path> elfFiles = elfFiles(elfRoots);
    for (int i = 0; i < elfFiles.size(); i += LDD_BATCH) {
      for (Path library :
          ldd.libraries(elfFiles.subList(i, Math.min(elfFiles.size(), i + LDD_BATCH)))) {
        if (Files.exists(library)
            && !isUnder(library, roots)
            && !isUnder(library.toRealPath(), roots)) {
          libraries.add(library);
        }
      }
    }
    Entries entries = new Entries();
    for (Path library : libraries) {
      entries.include(library, 0);
    }
    for (Path extra : extraFiles) {
      if (Files.exists(extra)) {
        entries.include(extra.toAbsolutePath().normalize(), 0);
      }
    }
    return entries.builder.build();
  }

  private static List<Path> elfFiles(List<Path> roots) throws IOException {
    List<Path> result = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new IOException(
            "cannot collect the libraries of "
                + root
                + ": it does not exist; pass existing files or directories");
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isElf(file)) {
            result.add(file.toAbsolutePath());
          }
        }
      }
    }
    return result;
  }

  private static boolean isElf(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(4), new byte[] {0x7f, 'E', 'L', 'F'});
    }
  }

  private static boolean isUnder(Path path, List<Path> roots) {
    return roots.stream().anyMatch(path::startsWith);
  }

  /** The layer's entries, each host path added once, symlinks along the way kept. */
  private static final class Entries {
    private final ReproducibleLayer.Builder builder = ReproducibleLayer.builder();
    private final Set<Path> added = new HashSet<>();

    /**
     * Adds {@code path} (absolute, normalized): each symlink among its prefixes, and what they lead
     * to.
     */
    void include(Path path, int depth) throws IOException {
      if (depth > MAX_LINKS) {
        throw new IOException(
            "too many symlinks on the way to " + path + "; the host's library links loop");
      }
      Path current = path.getRoot();
      for (int i = 0; i < path.getNameCount(); i++) {
        Path next = current.resolve(path.getName(i));
        if (Files.isSymbolicLink(next)) {
          Path target = Files.readSymbolicLink(next);
          if (added.add(next)) {
            builder.addSymlink(inLayer(next), target.toString());
          }
          Path resolved = next.getParent().resolve(target).normalize();
          Path rest = i + 1 < path.getNameCount() ? path.subpath(i + 1, path.getNameCount()) : null;
          include(rest == null ? resolved : resolved.resolve(rest), depth + 1);
          return;
        }
        current = next;
      }
      if (Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS) && added.add(current)) {
        builder.addFile(inLayer(current), current, Files.isExecutable(current));
      }
    }

    private static String inLayer(Path absolute) {
      return absolute.getRoot().relativize(absolute).toString();
    }
  }
}
