package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.layers.ReproducibleLayer;
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
 * An unpacked layer directory as the tar the engine takes into a container: directories, regular
 * files with their permission bits, symbolic links, and overlay whiteouts (character devices 0/0)
 * as OCI {@code .wh.} files. Owners become 0 and times fixed, so the same tree is the same tar.
 */
final class LayerTar {
  private LayerTar() {}

  static ReproducibleLayer of(Path directory) throws IOException {
    ReproducibleLayer.Builder builder = ReproducibleLayer.builder();
    List<String> refused = new ArrayList<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = name(directory, dir);
            if (!name.isEmpty()) {
              builder.addDirectory(name);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            String name = name(directory, file);
            if (attributes.isSymbolicLink()) {
              builder.addSymlink(name, Files.readSymbolicLink(file).toString());
            } else if (attributes.isRegularFile()) {
              int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
              builder.addFile(name, file, mode & 0777);
            } else if (isWhiteout(file)) {
              int slash = name.lastIndexOf('/');
              builder.addFile(
                  name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1),
                  new byte[0],
                  false);
            } else {
              refused.add(name);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (!refused.isEmpty()) {
      throw new IOException(
          "layer "
              + directory
              + " holds entries a container image cannot carry (sockets, pipes or devices): "
              + String.join(", ", refused.subList(0, Math.min(10, refused.size())))
              + "; remove them from the layer's source");
    }
    return builder.build();
  }

  private static String name(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static boolean isWhiteout(Path file) throws IOException {
    int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    int rdev =
        ((Number) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).intValue();
    return (mode & 0170000) == 0020000 && rdev == 0;
  }
}
