package dev.containermatrix.backend.testmains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code args[1]} into the file {@code args[0]}. */
public final class WriteFileMain {

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), args[1]);
  }
}
