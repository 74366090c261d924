package dev.containermatrix.backend.layers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Deletes a tree without following symlinks. A layer may hold directories its owner cannot write
 * (mode 0555): their owner bits are widened first, which only matters without root.
 */
final class TreeDeletion {

  private static final Set<PosixFilePermission> OWNER_ALL =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private TreeDeletion() {}

  /** Deletes {@code path} and everything under it; nothing happens if it does not exist. */
  static void delete(Path path) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (attributes.isDirectory()) {
      if (!attributes.permissions().containsAll(OWNER_ALL)) {
        Set<PosixFilePermission> widened = EnumSet.copyOf(OWNER_ALL);
        widened.addAll(attributes.permissions());
        Files.setPosixFilePermissions(path, widened);
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
        for (Path child : children) {
          delete(child);
        }
      } catch (NoSuchFileException e) {
        return;
      }
    }
    Files.deleteIfExists(path);
  }
}
