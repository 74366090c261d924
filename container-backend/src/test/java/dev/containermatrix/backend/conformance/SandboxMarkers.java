package dev.containermatrix.backend.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Marker files a sandboxed container must not reach: one in the host user's {@code $HOME} and one
 * under {@code /var} (each falls back to a directory this user can write: {@code /tmp} and {@code
 * /var/tmp}), world-readable, each holding a secret text that appears nowhere else.
 */
final class SandboxMarkers implements AutoCloseable {
  private final List<Path> files = new ArrayList<>();
  private final String secret = "host-secret-" + UUID.randomUUID();

  SandboxMarkers() throws IOException {
    files.add(write(List.of(Path.of(System.getProperty("user.home")), Path.of("/tmp"))));
    files.add(write(List.of(Path.of("/var"), Path.of("/var/tmp"))));
  }

  private Path write(List<Path> candidates) throws IOException {
    for (Path directory : candidates) {
      if (Files.isDirectory(directory) && Files.isWritable(directory)) {
        Path marker = directory.resolve("cm-marker-" + UUID.randomUUID());
        Files.writeString(marker, secret);
        Files.setPosixFilePermissions(marker, PosixFilePermissions.fromString("rw-r--r--"));
        return marker;
      }
    }
    throw new IOException("no writable directory among " + candidates + " for a marker file");
  }

  List<Path> files() {
    return List.copyOf(files);
  }

  List<String> paths() {
    return files.stream().map(Path::toString).toList();
  }

  String secret() {
    return secret;
  }

  @Override
  public void close() throws IOException {
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }
}
