package dev.containermatrix.backend.hostfs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads a file that must be a plain file of its own, not a symbolic link, FIFO, device, socket or
 * directory. Its type is read with {@code lstat} before it is opened, so a FIFO cannot block the
 * open and a device is never opened; it is then opened with {@code O_NOFOLLOW}, so a link swapped
 * in meanwhile fails the open instead of being followed.
 */
@API(status = INTERNAL, since = "0.1")
public final class RegularFile {

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private RegularFile() {}

  /** Thrown when the file is something else; {@link #kind()} says what, as in "a symbolic link". */
  @API(status = INTERNAL, since = "0.1")
  public static final class NotRegularFileException extends FileSystemException {
    private static final long serialVersionUID = 1L;
    private final String kind;

    NotRegularFileException(Path path, String kind) {
      super(path.toString(), null, "it is " + kind + ", not a regular file");
      this.kind = kind;
    }

    /**
     * What the file is instead: "a symbolic link", "a FIFO", "a directory", "a character device", …
     */
    public String kind() {
      return kind;
    }
  }

  /**
   * Opens {@code path} for reading.
   *
   * @throws NotRegularFileException if it is not a regular file
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  public static InputStream open(Path path) throws IOException {
    requireRegular(path);
    return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The size of {@code path} in bytes.
   *
   * @throws NotRegularFileException if it is not a regular file
   */
  public static long size(Path path) throws IOException {
    return requireRegular(path);
  }

  /** The file's size, once {@code lstat} says it is a regular file. */
  private static long requireRegular(Path path) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,size", NOFOLLOW);
    int mode = (int) attributes.get("mode");
    String kind =
        switch (mode & 0170000) {
          case 0100000 -> "";
          case 0120000 -> "a symbolic link";
          case 0040000 -> "a directory";
          case 0010000 -> "a FIFO";
          case 0020000 -> "a character device";
          case 0060000 -> "a block device";
          case 0140000 -> "a socket";
          default -> "a file of type " + Integer.toOctalString(mode & 0170000);
        };
    if (!kind.isEmpty()) {
      throw new NotRegularFileException(path, kind);
    }
    return (long) attributes.get("size");
  }
}
