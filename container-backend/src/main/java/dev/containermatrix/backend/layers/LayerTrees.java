package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An unpacked layer directory as a {@link ReproducibleLayer} again: directories, regular files with
 * their permission bits (setuid, setgid and sticky dropped), symbolic links, overlay whiteouts
 * (character devices 0/0) as OCI {@code .wh.<name>} files, and opaque directories (as the caller
 * tells them) with a {@code .wh..wh..opq} entry. Hard links become copies, owners 0. The archive
 * writes stored layers so, and the docker backend puts layers into containers so.
 */
@API(status = INTERNAL, since = "0.1")
public final class LayerTrees {
  private static final int TYPE_MASK = 0170000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final byte[] EMPTY = new byte[0];

  /** Whether a directory of the tree is opaque (hides what lower layers hold under it). */
  @FunctionalInterface
  public interface OpaqueTest {
    boolean isOpaque(Path directory) throws IOException;
  }

  private LayerTrees() {}

  /**
   * The tree under {@code root}.
   *
   * @param what names the layer in the message of an entry no layer can hold
   * @throws IOException naming up to five entries that no layer can hold (device nodes other than
   *     whiteouts, FIFOs, sockets)
   */
  public static ReproducibleLayer of(Path root, OpaqueTest opaque, String what) throws IOException {
    ReproducibleLayer.Builder builder = ReproducibleLayer.builder();
    List<String> refused = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            String name = name(root, dir);
            if (!name.isEmpty()) {
              builder.addDirectory(name);
            }
            if (opaque.isOpaque(dir)) {
              builder.addFile(
                  name.isEmpty() ? ".wh..wh..opq" : name + "/.wh..wh..opq", EMPTY, false);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            String name = name(root, file);
            if (attributes.isSymbolicLink()) {
              builder.addSymlink(name, Files.readSymbolicLink(file).toString());
            } else if (attributes.isRegularFile()) {
              int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
              builder.addFile(name, file, mode & 0777);
            } else if (isWhiteout(file)) {
              int slash = name.lastIndexOf('/');
              builder.addFile(
                  name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), EMPTY, false);
            } else {
              refused.add(name);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (!refused.isEmpty()) {
      throw new IOException(
          what
              + " in "
              + root
              + " holds "
              + refused.size()
              + " entries that a layer cannot hold (device nodes other than whiteouts, FIFOs or"
              + " sockets): "
              + refused.subList(0, Math.min(5, refused.size()))
              + "; leave them out of the layer");
    }
    return builder.build();
  }

  private static boolean isWhiteout(Path file) throws IOException {
    int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long rdev =
        ((Number) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue();
    return (mode & TYPE_MASK) == CHARACTER_DEVICE && rdev == 0;
  }

  private static String name(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
