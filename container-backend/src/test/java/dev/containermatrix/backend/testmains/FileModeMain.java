package dev.containermatrix.backend.testmains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Prints {@code mode:<path>:<rwx------>} for each path in {@code args}, as the container sees it.
 */
public final class FileModeMain {

  public static void main(String[] args) throws IOException {
    for (String path : args) {
      System.out.println(
          "mode:"
              + path
              + ":"
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))));
    }
  }
}
