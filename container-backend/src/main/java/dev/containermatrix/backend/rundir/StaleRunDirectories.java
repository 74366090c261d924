package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * {@link RunDirectory run directories} whose owner is gone: the pid in the marker is dead, or now
 * belongs to a process with another start time. A directory whose marker is not written yet counts
 * as its creator's (the pid in its name) while that pid lives. Directories of other users are left
 * to them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StaleRunDirectories implements ReapableKind {

  private final Path tmpRoot;
  private final Path procRoot;

  /**
   * @param tmpRoot where run directories are created, usually {@link RunDirectory#TMP}
   * @param procRoot where the process table is read, usually {@link ProcessIdentity#PROC}
   */
  public StaleRunDirectories(Path tmpRoot, Path procRoot) {
    this.tmpRoot = tmpRoot;
    this.procRoot = procRoot;
  }

  @Override
  public String name() {
    return "run directory";
  }

  @Override
  public List<Reaped> reap() throws IOException {
    List<Reaped> reaped = new ArrayList<>();
    String me = System.getProperty("user.name", "");
    try (Stream<Path> children = Files.list(tmpRoot)) {
      for (Path directory : children.toList()) {
        OptionalLong namedPid = RunDirectory.ownerPidOf(directory.getFileName().toString());
        if (namedPid.isEmpty() || !Files.isDirectory(directory) || !ownedBy(directory, me)) {
          continue;
        }
        Optional<String> why = whyStale(directory, namedPid.getAsLong());
        if (why.isPresent()) {
          try {
            RunDirectory.deleteRecursively(directory);
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
          reaped.add(new Reaped(name(), directory, why.get()));
        }
      }
    }
    return List.copyOf(reaped);
  }

  private Optional<String> whyStale(Path directory, long namedPid) {
    Optional<ProcessIdentity> owner = OwnerMarker.read(directory);
    if (owner.isEmpty()) {
      return ProcessIdentity.of(namedPid, procRoot).isPresent()
          ? Optional.empty()
          : Optional.of("it has no owner marker and pid " + namedPid + " from its name is gone");
    }
    long pid = owner.get().pid();
    Optional<ProcessIdentity> now = ProcessIdentity.of(pid, procRoot);
    if (now.isEmpty()) {
      return Optional.of("its owner pid " + pid + " is gone");
    }
    if (!now.get().equals(owner.get())) {
      return Optional.of("its owner pid " + pid + " now belongs to another process (start " + now.get().start()
          + ", not " + owner.get().start() + ")");
    }
    return Optional.empty();
  }

  private static boolean ownedBy(Path directory, String user) throws IOException {
    return user.isEmpty() || Files.getOwner(directory).getName().equals(user);
  }
}
