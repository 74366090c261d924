package dev.containermatrix.backend.nativeruntime.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads this process's effective uid from the {@code Uid:} line of {@code <procRoot>/self/status}.
 */
final class ProcSelfStatus {

  private final Path procRoot;

  ProcSelfStatus(Path procRoot) {
    this.procRoot = procRoot;
  }

  /**
   * The effective uid: the second of the four numbers (real, effective, saved, filesystem) on the
   * {@code Uid:} line; empty when the file or the line cannot be read.
   */
  Optional<Integer> effectiveUid() {
    List<String> lines;
    try {
      lines = Files.readAllLines(procRoot.resolve("self/status"));
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String line : lines) {
      if (line.startsWith("Uid:")) {
        String[] ids = line.substring("Uid:".length()).trim().split("\\s+");
        if (ids.length < 2) {
          return Optional.empty();
        }
        try {
          return Optional.of(Integer.parseInt(ids[1]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
