package dev.containermatrix.backend.hostfs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Deletes a tree without ever following a symbolic link. Each directory is opened relative to its
 * parent's open descriptor with {@code O_NOFOLLOW} (a {@link SecureDirectoryStream}, which {@link
 * Files#newDirectoryStream} returns on Linux) and each entry is unlinked by name inside it, so a
 * symlink planted anywhere in the tree, or swapped in for a directory while the tree is deleted, is
 * itself unlinked and what it points at is never touched.
 *
 * <p>A directory its owner cannot write (a layer's 0555) is opened up for the owner through its
 * descriptor. One its owner cannot even open (overlayfs leaves {@code work/work} with mode 000) is
 * opened up by path: only a caller without root meets that case, and such a caller deletes only its
 * own files. Where the platform has no secure directory streams, the tree is walked with {@code
 * lstat} instead, which does not follow links either but cannot rule out a swap mid-way.
 */
@API(status = INTERNAL, since = "0.1")
public final class TreeDeletion {

  private static final Set<PosixFilePermission> OWNER_ALL =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private TreeDeletion() {}

  /**
   * Deletes {@code path} and, if it is a directory (not a link to one), everything under it;
   * nothing happens if it does not exist. The directory that holds {@code path} is trusted as
   * named.
   *
   * @throws IOException naming the entry that could not be deleted and why
   */
  public static void delete(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IllegalArgumentException(
          "refusing to delete " + path + ", the root of the file system");
    }
    DirectoryStream<Path> stream;
    try {
      stream = Files.newDirectoryStream(parent);
    } catch (NoSuchFileException e) {
      return;
    }
    try (stream) {
      if (stream instanceof SecureDirectoryStream<Path> secure) {
        deleteIn(secure, absolute.getFileName(), absolute);
      } else {
        deleteByPath(absolute);
      }
    }
  }

  /**
   * Deletes the entry {@code name} of the open directory {@code directory}; {@code where} is its
   * full path, for messages.
   */
  private static void deleteIn(SecureDirectoryStream<Path> directory, Path name, Path where)
      throws IOException {
    boolean isDirectory;
    try {
      isDirectory =
          directory
              .getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
              .readAttributes()
              .isDirectory();
    } catch (NoSuchFileException e) {
      return;
    }
    try {
      if (!isDirectory) {
        directory.deleteFile(name);
        return;
      }
      try (SecureDirectoryStream<Path> child = openChild(directory, name, where)) {
        openUp(child.getFileAttributeView(PosixFileAttributeView.class));
        for (Path entry : names(child)) {
          deleteIn(child, entry, where.resolve(entry));
        }
      }
      directory.deleteDirectory(name);
    } catch (NoSuchFileException e) {
      // deleted meanwhile by someone else: what was wanted
    } catch (CannotDelete e) {
      throw e;
    } catch (IOException e) {
      throw new CannotDelete(where, e);
    }
  }

  private static SecureDirectoryStream<Path> openChild(
      SecureDirectoryStream<Path> directory, Path name, Path where) throws IOException {
    try {
      return directory.newDirectoryStream(name, NOFOLLOW);
    } catch (AccessDeniedException e) {
      // mode 000 and no root: only a path can open it up (see the class comment)
      openUpByPath(where);
      return directory.newDirectoryStream(name, NOFOLLOW);
    }
  }

  /** The entry names first, then the deleting: a directory is not changed while it is read. */
  private static List<Path> names(SecureDirectoryStream<Path> directory) {
    List<Path> names = new ArrayList<>();
    for (Path entry : directory) {
      names.add(entry.getFileName());
    }
    return names;
  }

  /** Gives the owner of an open directory all rights on it, through its descriptor. */
  private static void openUp(PosixFileAttributeView view) throws IOException {
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    if (!permissions.containsAll(OWNER_ALL)) {
      view.setPermissions(withOwnerAll(permissions));
    }
  }

  /**
   * The same by path ({@code chmod} has no way not to follow a link; {@code lstat} said it was a
   * directory).
   */
  private static void openUpByPath(Path directory) throws IOException {
    Set<PosixFilePermission> permissions =
        Files.readAttributes(directory, PosixFileAttributes.class, NOFOLLOW).permissions();
    if (!permissions.containsAll(OWNER_ALL)) {
      Files.setPosixFilePermissions(directory, withOwnerAll(permissions));
    }
  }

  private static Set<PosixFilePermission> withOwnerAll(Set<PosixFilePermission> permissions) {
    Set<PosixFilePermission> widened = EnumSet.copyOf(OWNER_ALL);
    widened.addAll(permissions);
    return widened;
  }

  /**
   * Without secure directory streams: {@code lstat} decides, so links are deleted, never entered.
   */
  private static void deleteByPath(Path path) throws IOException {
    if (!Files.exists(path, NOFOLLOW)) {
      return;
    }
    if (Files.isDirectory(path, NOFOLLOW)) {
      openUpByPath(path);
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        entries.forEach(children::add);
      }
      for (Path child : children) {
        deleteByPath(child);
      }
    }
    Files.deleteIfExists(path);
  }

  /** Names the entry that could not be deleted; thrown once, where it happened. */
  private static final class CannotDelete extends IOException {
    private static final long serialVersionUID = 1L;

    CannotDelete(Path where, IOException cause) {
      super("cannot delete " + where + ": " + cause, cause);
    }
  }
}
