package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.hostfs.TreeDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The tree one unpacking makes in its private target directory, by layer path. It knows what it
 * made at each path, so that no entry is written through a symlink and a hard link reaches only a
 * regular file of this layer; and before anything is made in a directory, it checks on disk that
 * the directory's real path is its path, so that a link it did not know of would be refused too.
 */
final class UnpackedTree {

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path root;
  private final Set<String> directories = new HashSet<>();
  private final Set<String> symlinks = new HashSet<>();
  private final Set<String> regularFiles = new HashSet<>();
  private final Map<String, TarArchiveEntry> directoryEntries = new HashMap<>();

  /**
   * @param target an existing empty directory
   */
  UnpackedTree(Path target) throws IOException {
    this.root = target.toRealPath();
    directories.add("");
  }

  Path path(String name) {
    return name.isEmpty() ? root : root.resolve(name);
  }

  boolean isDirectory(String name) {
    return directories.contains(name);
  }

  /** Refuses {@code name} if a symlink of this layer is among its parents. */
  void requireNoSymlinkAbove(String name, String entryName) throws LayerStoreException {
    for (String parent = LayerPath.parent(name);
        !parent.isEmpty();
        parent = LayerPath.parent(parent)) {
      if (symlinks.contains(parent)) {
        throw LayerStoreException.refusedEntry(
            entryName,
            "it lies under "
                + parent
                + ", a symlink of the same layer,"
                + " so writing it would follow the link");
      }
    }
  }

  /**
   * Makes {@code name}'s parent directories and removes what this layer has at {@code name} (a
   * directory is kept if {@code keepDirectory}); returns where to make it.
   */
  Path place(String name, String entryName, boolean keepDirectory) throws IOException {
    directory(LayerPath.parent(name), entryName);
    if (!(keepDirectory && directories.contains(name))) {
      removeExisting(name);
    }
    return path(name);
  }

  /**
   * Makes {@code name} a directory as {@link #ensureDirectory} does, checks it on disk and returns
   * its path.
   */
  Path directory(String name, String entryName) throws IOException {
    ensureDirectory(name);
    requireRealDirectory(name, entryName);
    return path(name);
  }

  /** Makes {@code name} and its parents directories, replacing this layer's files in the way. */
  private void ensureDirectory(String name) throws IOException {
    if (directories.contains(name)) {
      return;
    }
    ensureDirectory(LayerPath.parent(name));
    removeExisting(name);
    Files.createDirectory(path(name));
    directories.add(name);
  }

  void madeDirectory(String name, TarArchiveEntry entry) {
    directories.add(name);
    directoryEntries.put(name, entry);
  }

  void madeSymlink(String name) {
    symlinks.add(name);
  }

  void madeRegularFile(String name) {
    regularFiles.add(name);
  }

  /**
   * The host path of the regular file a hard link entry names. It must be a regular file made
   * earlier by this layer, not a symlink, not under one, not a directory or device (as containerd's
   * unpacker requires), so the link cannot reach outside the layer.
   */
  Path hardLinkTarget(String rawTarget, String entryName) throws IOException {
    String target;
    try {
      target = LayerPath.normalize(rawTarget);
    } catch (IllegalArgumentException e) {
      throw LayerStoreException.refusedEntry(
          entryName,
          "it is a hard link to " + rawTarget + ", outside the layer: " + e.getMessage());
    }
    if (symlinks.contains(target)) {
      throw LayerStoreException.refusedEntry(
          entryName,
          "it is a hard link to "
              + rawTarget
              + ", a symlink; a hard"
              + " link may only name a regular file earlier in this layer");
    }
    for (String parent = LayerPath.parent(target);
        !parent.isEmpty();
        parent = LayerPath.parent(parent)) {
      if (symlinks.contains(parent)) {
        throw LayerStoreException.refusedEntry(
            entryName,
            "it is a hard link to "
                + rawTarget
                + ", which lies under "
                + parent
                + ", a symlink of the same layer");
      }
    }
    if (!regularFiles.contains(target)) {
      throw LayerStoreException.refusedEntry(
          entryName,
          "it is a hard link to "
              + rawTarget
              + ", which is not a"
              + " regular file earlier in this layer");
    }
    requireRealDirectory(LayerPath.parent(target), entryName);
    Path path = path(target);
    if (!Files.isRegularFile(path, NOFOLLOW)) {
      throw LayerStoreException.refusedEntry(
          entryName,
          "it is a hard link to " + rawTarget + ", which is no longer" + " a regular file on disk");
    }
    return path;
  }

  /**
   * Directory modes, owners and mtimes last (children change mtimes; a read-only mode would block
   * them), deepest first.
   */
  void finishDirectories(DirectoryFinisher finisher) throws IOException {
    List<String> names = new ArrayList<>(directories);
    names.sort(
        Comparator.comparing((String n) -> n.chars().filter(c -> c == '/').count()).reversed());
    for (String name : names) {
      finisher.finish(path(name), directoryEntries.get(name));
    }
  }

  /**
   * Gives one directory its mode, owner and mtime; {@code entry} is null for a directory the tar
   * did not list.
   */
  @FunctionalInterface
  interface DirectoryFinisher {
    void finish(Path directory, TarArchiveEntry entry) throws IOException;
  }

  private void requireRealDirectory(String name, String entryName) throws IOException {
    Path path = path(name);
    if (!path.toRealPath().equals(path)) {
      throw LayerStoreException.refusedEntry(
          entryName,
          "its directory "
              + (name.isEmpty() ? "." : name)
              + " resolves to "
              + path.toRealPath()
              + " on disk, so writing it would follow a link");
    }
  }

  private void removeExisting(String name) throws IOException {
    Path path = path(name);
    if (Files.exists(path, NOFOLLOW)) {
      TreeDeletion.delete(path);
      String prefix = name + "/";
      for (Set<String> made :
          List.of(directories, symlinks, regularFiles, directoryEntries.keySet())) {
        made.removeIf(d -> d.equals(name) || d.startsWith(prefix));
      }
    }
  }
}
