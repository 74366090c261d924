package dev.containermatrix.backend.nativeruntime.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc} tree in a temporary directory, written file by file. */
final class FakeProc {

  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  FakeProc with(String relativePath, String content) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code self/status} with the given real and effective uid. */
  FakeProc uid(int real, int effective) {
    return with(
        "self/status",
        "Name:\tjava\nUmask:\t0022\nState:\tR (running)\nTgid:\t42\nPid:\t42\nPPid:\t1\n"
            + "Uid:\t"
            + real
            + "\t"
            + effective
            + "\t"
            + effective
            + "\t"
            + effective
            + "\n"
            + "Gid:\t"
            + real
            + "\t"
            + real
            + "\t"
            + real
            + "\t"
            + real
            + "\n");
  }
}
