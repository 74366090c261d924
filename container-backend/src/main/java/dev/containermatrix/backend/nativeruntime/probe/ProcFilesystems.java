package dev.containermatrix.backend.nativeruntime.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the filesystem types the kernel knows from {@code <procRoot>/filesystems}. */
final class ProcFilesystems {

  private final Path procRoot;

  ProcFilesystems(Path procRoot) {
    this.procRoot = procRoot;
  }

  Path path() {
    return procRoot.resolve("filesystems");
  }

  /**
   * Whether {@code type} is listed (lines read "nodev\toverlay" or "\text4"); false when the file
   * cannot be read.
   */
  boolean supports(String type) {
    try {
      return Files.readAllLines(path()).stream()
          .map(line -> line.substring(line.lastIndexOf('\t') + 1).trim())
          .anyMatch(type::equals);
    } catch (IOException e) {
      return false;
    }
  }
}
