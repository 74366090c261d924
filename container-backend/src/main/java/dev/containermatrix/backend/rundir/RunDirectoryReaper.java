package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * {@link RunDirectory run directories} whose owner is gone: the pid in the marker is dead, or now
 * belongs to a process with another start time. A directory whose marker is not written yet counts
 * as its creator's (the pid in its name) while that pid lives. Directories of other users are left
 * to them, except when reaping as root: root also removes the stale runs of unprivileged users
 * (such as a rootless run of the same suite), but only those that carry an owner marker, so a
 * directory another user merely named like a run directory is never deleted by root. Nothing is
 * followed: an entry under the tmp root that is a symbolic link is skipped, and a tree is deleted
 * with {@link RunDirectory#deleteRecursively}, which unlinks the links inside it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunDirectoryReaper implements Reaper {

  private static final Pattern RUN_PREFIX =
      Pattern.compile("(" + RunDirectory.NAME.pattern() + ")(?:[^0-9a-f].*)?");

  private final Path tmpRoot;
  private final Path procRoot;

  /**
   * @param tmpRoot where run directories are created, usually {@link RunDirectory#TMP}
   * @param procRoot where the process table is read, usually {@link ProcessIdentity#PROC}
   */
  public RunDirectoryReaper(Path tmpRoot, Path procRoot) {
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
    boolean root = "root".equals(me);
    try (Stream<Path> children = Files.list(tmpRoot)) {
      for (Path directory : children.toList()) {
        OptionalLong namedPid = RunDirectory.ownerPidOf(directory.getFileName().toString());
        if (namedPid.isEmpty() || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Optional<ProcessIdentity> marker = OwnerMarker.read(directory);
        if (!ownedBy(directory, me) && (!root || marker.isEmpty())) {
          continue;
        }
        Optional<String> why = whyStale(directory, namedPid.getAsLong(), marker);
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

  /**
   * Why the run that {@code name} belongs to is over, for things a run names after its run
   * directory (e.g. cgroups called {@code cm-1234-0a1b2c3d-variant1}): the run directory under the
   * tmp root is stale as {@link #reap()} judges it, or it is gone and so is the pid in the name.
   * While that pid lives, a missing run directory keeps the thing: a reused pid only delays its
   * removal until that process ends.
   *
   * @param name a name that starts with a run directory's name
   * @return the reason, a clause such as "its owner pid 1234 is gone"; empty while the run may
   *     still be alive, or when {@code name} does not start with a run directory's name
   */
  public Optional<String> whyOver(String name) {
    Matcher matcher = RUN_PREFIX.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(matcher.group(2));
    Path directory = tmpRoot.resolve(matcher.group(1));
    if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return whyStale(directory, pid, OwnerMarker.read(directory));
    }
    return ProcessIdentity.of(pid, procRoot).isPresent()
        ? Optional.empty()
        : Optional.of(
            "its run directory " + directory + " is gone and so is pid " + pid + " from its name");
  }

  private Optional<String> whyStale(
      Path directory, long namedPid, Optional<ProcessIdentity> owner) {
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
      return Optional.of(
          "its owner pid "
              + pid
              + " now belongs to another process (start "
              + now.get().start()
              + ", not "
              + owner.get().start()
              + ")");
    }
    return Optional.empty();
  }

  private static boolean ownedBy(Path directory, String user) throws IOException {
    return user.isEmpty()
        || Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
  }
}
