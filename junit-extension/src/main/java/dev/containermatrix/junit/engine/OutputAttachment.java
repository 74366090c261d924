package dev.containermatrix.junit.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Attaches a variant's captured stdout and stderr to its node: the files themselves as file entries
 * (where the host's JUnit has them, see {@link FileEntries}), and their last {@value #TAIL_BYTES}
 * bytes as a report entry, so the Maven log stays free of variant output while IDEs and reports can
 * show it.
 */
final class OutputAttachment {
  static final int TAIL_BYTES = 16 * 1024;
  private final EngineExecutionListener listener;
  private final TestDescriptor node;

  OutputAttachment(EngineExecutionListener listener, TestDescriptor node) {
    this.listener = listener;
    this.node = node;
  }

  void attach(Path stdout, Path stderr) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Path> stream : Map.of("stdout", stdout, "stderr", stderr).entrySet()) {
      Path file = stream.getValue();
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        FileEntries.publish(listener, node, file, "text/plain");
        entries.put(stream.getKey(), tail(file));
      }
    }
    if (!entries.isEmpty()) {
      listener.reportingEntryPublished(node, ReportEntry.from(entries));
    }
  }

  /**
   * The last line of {@code stderr} that is not a stack frame, e.g. {@code Exception in thread
   * "main" java.lang.OutOfMemoryError: ...}, if there is one.
   */
  static java.util.Optional<String> lastError(Path stderr) {
    try {
      if (!Files.isRegularFile(stderr)) {
        return java.util.Optional.empty();
      }
      String[] lines = tail(stderr).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        String line = lines[i].strip();
        if (!line.isEmpty()
            && !line.startsWith("at ")
            && !line.startsWith("...")
            && !line.startsWith("[...")) {
          return java.util.Optional.of(line.length() > 300 ? line.substring(0, 300) + "..." : line);
        }
      }
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  private static String tail(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - TAIL_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return from == 0 ? text : "[... " + from + " bytes before this]\n" + text;
    }
  }
}
