package dev.containermatrix.backend.rundir;

import dev.containermatrix.backend.hostfs.RegularFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The file in a run directory that names its owner: {@code pid=<pid>} and {@code start=<start>}.
 */
final class OwnerMarker {

  static final String FILE_NAME = ".owner";

  /** A marker is two short lines; more is not a marker. */
  private static final int MAX_BYTES = 4096;

  private OwnerMarker() {}

  static void write(Path directory, ProcessIdentity owner) throws IOException {
    Files.writeString(
        directory.resolve(FILE_NAME),
        "pid=" + owner.pid() + "\nstart=" + owner.start() + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * The owner named in {@code directory}, empty if it has no well-formed marker that is a regular
   * file (a link, FIFO or device planted as the marker is neither followed nor opened).
   */
  static Optional<ProcessIdentity> read(Path directory) {
    Properties properties = new Properties();
    try (InputStream in = RegularFile.open(directory.resolve(FILE_NAME))) {
      properties.load(
          new StringReader(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8)));
      return Optional.of(
          new ProcessIdentity(
              Long.parseLong(properties.getProperty("pid", "")),
              properties.getProperty("start", "")));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
