package dev.containermatrix.backend.image;

import dev.containermatrix.backend.hostfs.RegularFile;
import dev.containermatrix.backend.hostfs.RegularFile.NotRegularFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An image's files in a directory (an OCI image layout). Each must be a regular file of its own: a
 * symlink (which could lead anywhere on the host) or a FIFO (which would block the reader) is
 * refused, and is found out before it is opened (see {@link RegularFile}).
 */
final class DirectoryLayoutFiles implements LayoutFiles {

  private final Path root;

  DirectoryLayoutFiles(Path root) {
    this.root = root;
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public long size(String path) throws IOException {
    try {
      return RegularFile.size(root.resolve(path));
    } catch (NoSuchFileException e) {
      throw missing(path);
    } catch (NotRegularFileException e) {
      throw notRegular(path, e);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return RegularFile.open(root.resolve(path));
    } catch (NoSuchFileException e) {
      throw missing(path);
    } catch (NotRegularFileException e) {
      throw notRegular(path, e);
    }
  }

  @Override
  public String describe(String path) {
    return root.resolve(path).toString();
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private ImageSourceException missing(String path) {
    return new ImageSourceException(
        describe(path)
            + " does not exist, but the image refers to it: the layout in "
            + root
            + " is incomplete; export the image again");
  }

  private ImageSourceException notRegular(String path, NotRegularFileException e) {
    return new ImageSourceException(
        describe(path)
            + " is "
            + e.kind()
            + ", not a regular file: every file of an"
            + " image layout must be one, so the layout in "
            + root
            + " is damaged or hostile; export the image again"
            + " (copying it with cp -L if it was assembled from links)",
        e);
  }
}
