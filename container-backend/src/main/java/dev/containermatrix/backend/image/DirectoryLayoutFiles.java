package dev.containermatrix.backend.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An image's files in a directory (an OCI image layout). */
final class DirectoryLayoutFiles implements LayoutFiles {

  private final Path root;

  DirectoryLayoutFiles(Path root) {
    this.root = root;
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(root.resolve(path));
  }

  @Override
  public long size(String path) throws IOException {
    try {
      return Files.size(root.resolve(path));
    } catch (NoSuchFileException e) {
      throw missing(path);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return Files.newInputStream(root.resolve(path));
    } catch (NoSuchFileException e) {
      throw missing(path);
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
    return new ImageSourceException(describe(path) + " does not exist, but the image refers to it: the layout in "
        + root + " is incomplete; export the image again");
  }
}
