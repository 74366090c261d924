package dev.containermatrix.backend.nativeruntime.probe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an executable on a {@code PATH}, then in {@code /usr/sbin} and {@code /sbin}, which the
 * {@code PATH} of unprivileged users often lacks although tools such as {@code ip} live there.
 */
@org.apiguardian.api.API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
public final class ExecutableSearch {

  static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/sbin"));

  private final List<Path> directories;

  /**
   * Searches the directories of {@code path} (as in the {@code PATH} variable), then {@code extra}.
   */
  ExecutableSearch(String path, List<Path> extra) {
    List<Path> out = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        try {
          out.add(Path.of(entry));
        } catch (InvalidPathException ignored) {
          // a PATH entry that is no path cannot hold the executable
        }
      }
    }
    out.addAll(extra);
    this.directories = List.copyOf(out);
  }

  /** Searches this JVM's {@code PATH}, then {@code /usr/sbin} and {@code /sbin}. */
  public static ExecutableSearch ofEnvironment() {
    String path = System.getenv("PATH");
    return new ExecutableSearch(path == null ? "" : path, SYSTEM_DIRECTORIES);
  }

  /** The first regular, executable file called {@code name}, as an absolute path. */
  public Optional<Path> find(String name) {
    return directories.stream()
        .map(directory -> directory.resolve(name))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .map(Path::toAbsolutePath)
        .findFirst();
  }
}
