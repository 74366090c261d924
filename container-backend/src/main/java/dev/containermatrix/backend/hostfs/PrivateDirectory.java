package dev.containermatrix.backend.hostfs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A directory only its owner may enter: mode 0700. The layer store, the run archive and each run
 * directory are private, because what they hold (config files, layers of private images) is the
 * user's to read and nobody else's.
 */
@API(status = INTERNAL, since = "0.1")
public final class PrivateDirectory {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PrivateDirectory() {}

  /**
   * Creates {@code directory}, which must not exist, with mode 0700 (its parent must exist).
   * Without POSIX permissions (not Linux or macOS) it is created plainly.
   *
   * @throws FileAlreadyExistsException if something is already there
   */
  public static Path createNew(Path directory) throws IOException {
    if (!isPosix()) {
      return Files.createDirectory(directory);
    }
    return Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
  }

  /**
   * Makes {@code directory} private: creates it with mode 0700 (missing parents get the default
   * mode), or, if it exists and belongs to this user, takes away its group's and others' bits. A
   * directory of another user is left as it is.
   *
   * @return empty if the directory is private now; else why it is not, as a clause such as
   *     "/srv/store belongs to ci, not to me, and has mode rwxr-xr-x, so other users can read what
   *     it holds"
   */
  public static Optional<String> ensure(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory.toAbsolutePath().getParent());
      try {
        createNew(directory);
        return Optional.empty();
      } catch (FileAlreadyExistsException e) {
        // made by another process meanwhile, or a file: decided below
      }
      if (!Files.isDirectory(directory)) {
        throw new NotDirectoryException(
            directory + " exists but is not a directory; move it away or name another directory");
      }
    }
    if (!isPosix()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
    Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
    open.retainAll(permissions);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    UserPrincipal owner = Files.getOwner(directory);
    String me = System.getProperty("user.name", "");
    if (owner.getName().equals(me)) {
      permissions.removeAll(OTHERS);
      Files.setPosixFilePermissions(directory, permissions);
      return Optional.empty();
    }
    return Optional.of(
        directory
            + " belongs to "
            + owner.getName()
            + ", not to "
            + me
            + ", and has mode "
            + PosixFilePermissions.toString(permissions)
            + ", so other users can read what it holds");
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
