package dev.containermatrix.backend.nativeruntime.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes cgroup control files; a failure names the file, the value and the kernel's
 * reason.
 */
final class ControlFiles {

  private ControlFiles() {}

  /**
   * Writes {@code value} in one write, as the kernel wants. Opens with {@code O_CREAT}, which the
   * kernel ignores for its own files and which lets a fake tree in a test record what was written.
   */
  static void write(Path file, String value) throws IOException {
    try {
      Files.writeString(
          file,
          value,
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      String reason =
          Files.exists(file)
              ? reason(e)
              : "No such file or directory: the kernel does not offer it";
      throw new IOException("cannot write \"" + value + "\" to " + file + ": " + reason, e);
    }
  }

  /** The file's content without surrounding white space. */
  static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + reason(e), e);
    }
  }

  /** The file's content without surrounding white space; empty if the file does not exist. */
  static Optional<String> readIfExists(Path file) throws IOException {
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /**
   * The white-space separated words of a file such as {@code cgroup.controllers}, each without a
   * leading {@code +}.
   */
  static Set<String> words(Path file) throws IOException {
    Set<String> words = new LinkedHashSet<>();
    for (String word : readIfExists(file).orElse("").split("\\s+")) {
      if (!word.isEmpty()) {
        words.add(word.startsWith("+") ? word.substring(1) : word);
      }
    }
    return words;
  }

  /**
   * The value of the line {@code key <value>} in a flat keyed file such as {@code memory.events}; 0
   * if absent.
   */
  static long keyed(Path file, String key) throws IOException {
    for (String line : read(file).split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && fields[0].equals(key)) {
        try {
          return Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
          throw new IOException(
              "cannot read "
                  + file
                  + ": the value of "
                  + key
                  + " is not a number: \""
                  + line
                  + "\"",
              e);
        }
      }
    }
    return 0;
  }

  /** The pids in a {@code cgroup.procs} file; empty if it is gone. */
  static List<Long> pids(Path procs) throws IOException {
    List<Long> pids = new ArrayList<>();
    String content;
    try {
      content = Files.readString(procs, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new IOException("cannot read " + procs + ": " + reason(e), e);
    }
    for (String line : content.split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  /**
   * The kernel's reason for a failed file operation: "Permission denied", "Invalid argument", ....
   */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
