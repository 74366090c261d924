package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.OverlayConvention;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored layer's unpacked tree as a {@link ReproducibleLayer} again, with overlay whiteouts
 * turned back into OCI form: a character device 0/0 becomes an empty file {@code .wh.<name>}, an
 * opaque directory (per the layer's {@link OverlayConvention}) gets an empty {@code .wh..wh..opq}.
 * Files keep their permission bits (a config file's 0600 stays 0600; setuid, setgid and sticky bits
 * are dropped), hard links become copies, owners become 0, directories 0755.
 */
final class StoredLayerTar {

  private static final int TYPE_MASK = 0170000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final byte[] EMPTY = new byte[0];

  private StoredLayerTar() {}

  static ReproducibleLayer of(StoredLayer layer, LinuxCalls calls) throws IOException {
    Path root = layer.directory();
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
            if (isOpaque(dir, layer.overlayConvention(), calls)) {
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
          "layer "
              + layer.digest()
              + " in "
              + root
              + " holds "
              + refused.size()
              + " entries that an archived layer cannot hold (device nodes other than whiteouts,"
              + " FIFOs or sockets): "
              + refused.subList(0, Math.min(5, refused.size()))
              + "; leave them out of the layer, or do not archive this run");
    }
    return builder.build();
  }

  private static boolean isWhiteout(Path file) throws IOException {
    int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long rdev = (long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    return (mode & TYPE_MASK) == CHARACTER_DEVICE && rdev == 0;
  }

  private static boolean isOpaque(Path dir, OverlayConvention convention, LinuxCalls calls)
      throws IOException {
    if (convention == OverlayConvention.NONE) {
      return false;
    }
    String attribute =
        convention == OverlayConvention.TRUSTED ? "trusted.overlay.opaque" : "user.overlay.opaque";
    return calls
        .getxattr(dir, attribute)
        .map(value -> value.length == 1 && value[0] == 'y')
        .orElse(false);
  }

  private static String name(Path root, Path path) {
    return root.relativize(path).toString();
  }
}
