package dev.containermatrix.backend.rundir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The file in a run directory that names its owner: {@code pid=<pid>} and {@code start=<start>}. */
final class OwnerMarker {

  static final String FILE_NAME = ".owner";

  private OwnerMarker() {}

  static void write(Path directory, ProcessIdentity owner) throws IOException {
    Files.writeString(directory.resolve(FILE_NAME), "pid=" + owner.pid() + "\nstart=" + owner.start() + "\n",
        StandardCharsets.UTF_8);
  }

  /** The owner named in {@code directory}, empty if it has no readable, well-formed marker. */
  static Optional<ProcessIdentity> read(Path directory) {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
      properties.load(reader);
      return Optional.of(new ProcessIdentity(Long.parseLong(properties.getProperty("pid", "")),
          properties.getProperty("start", "")));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
