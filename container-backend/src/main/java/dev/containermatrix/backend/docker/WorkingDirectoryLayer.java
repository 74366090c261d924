package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The working directory as a layer at its own path, for an engine that cannot see this host's files
 * ({@link FileTransfer#COPY}): its files, directories and links, except version-control metadata
 * ({@value #SKIPPED_NOTE}) and the top directory that holds the run's own output (Maven's {@code
 * target}, Gradle's {@code build}), whose classes already are layers of their own and whose reports
 * change with every run. Sockets and FIFOs are left out; everything else of the tree goes in, so a
 * test reading {@code src/test/resources/…} by a relative path reads what it reads on the host.
 */
final class WorkingDirectoryLayer {
  static final String SKIPPED_NOTE = ".git, .hg, .svn";
  private static final Set<String> VERSION_CONTROL = Set.of(".git", ".hg", ".svn");

  private WorkingDirectoryLayer() {}

  /**
   * @param buildOutputs paths of the build's output (classpath entries, where the run writes a
   *     container's output): the working directory's children holding one are left out
   */
  static ReproducibleLayer of(Path workingDirectory, List<Path> buildOutputs) throws IOException {
    Path root = workingDirectory.toAbsolutePath().normalize();
    Set<Path> skipped = new HashSet<>();
    for (Path output : buildOutputs) {
      Path normalized = output.toAbsolutePath().normalize();
      if (normalized.startsWith(root) && !normalized.equals(root)) {
        skipped.add(root.resolve(root.relativize(normalized).getName(0)));
      }
    }
    ReproducibleLayer.Builder layer = ReproducibleLayer.builder();
    String prefix = root.toString().substring(1);
    if (!prefix.isEmpty()) {
      layer.addDirectory(prefix);
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (skipped.contains(dir)
                || (dir.getParent() != null
                    && dir.getParent().equals(root)
                    && VERSION_CONTROL.contains(dir.getFileName().toString()))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(root)) {
              layer.addDirectory(inLayer(dir));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (attributes.isSymbolicLink()) {
              layer.addSymlink(inLayer(file), Files.readSymbolicLink(file).toString());
            } else if (attributes.isRegularFile()) {
              int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
              layer.addFile(inLayer(file), file, mode & 0777);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw new IOException(
                "cannot read "
                    + file
                    + " in the working directory "
                    + root
                    + " to send it to the Docker engine: "
                    + e.getMessage()
                    + "; make it readable, or remove it",
                e);
          }
        });
    return layer.build();
  }

  private static String inLayer(Path path) {
    return path.toString().substring(1);
  }
}
