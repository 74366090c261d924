package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.nativeruntime.probe.ProbeCommand;
import dev.containermatrix.backend.nativeruntime.probe.ProbeResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * glibc's {@code ldd}, asked which shared libraries a batch of ELF files need, and killed (with its
 * children) if it takes longer than {@code timeLimit}: it runs the files' dynamic loader, which a
 * damaged file can hang. Unlike {@code nativeruntime.probe.Ldd} (one program, its loader apart, a
 * library not found is an error, output cut at 2000 characters), it asks about many files at once,
 * reads all of ldd's output and leaves out what ldd cannot find, as a closure of a JDK's libraries needs.
 *
 * @param program the ldd to run, {@code ldd} from the PATH by default
 * @param timeLimit how long one call may take
 */
record LddBatch(String program, Duration timeLimit) {

  static final LddBatch DEFAULT = new LddBatch("ldd", Duration.ofSeconds(60));

  /**
   * The absolute library paths {@code ldd} prints for {@code files} (static and non-dynamic files print
   * none). It runs as a {@link ProbeCommand}; its stdout goes to a file of its own through {@code sh},
   * because a probe keeps only the first 2000 characters of what a command prints.
   *
   * @throws IOException if it cannot start or does not finish in time, naming the files and the limit
   */
  List<Path> libraries(List<Path> files) throws IOException {
    Path output = Files.createTempFile("containermatrix-ldd", ".out");
    try {
      // sh -c 'exec "$@" > "$0"' <output> ldd <files…>: ldd's stdout to <output>, its stderr to the probe
      List<String> argv = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" > \"$0\"", output.toString(), program));
      files.forEach(f -> argv.add(f.toString()));
      ProbeResult result = new ProbeCommand(argv).run(timeLimit);
      if (result.failure().isPresent()) {
        throw new IOException(program + " " + files.get(0) + " and " + (files.size() - 1) + " more files "
            + result.failure().get() + (result.output().isEmpty() ? "" : ": " + result.output().replace('\n', ' '))
            + ": check that ldd works on this host (ldd /bin/sh), or leave these files out of the closure");
      }
      return libraryPaths(Files.readString(output, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + program + " ran for " + files.get(0));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The paths in ldd's lines: {@code \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)}, {@code \t/lib64/ld-linux-x86-64.so.2 (0x…)}. */
  private static List<Path> libraryPaths(String output) {
    List<Path> result = new ArrayList<>();
    for (String line : output.split("\n")) {
      String trimmed = line.strip();
      int arrow = trimmed.indexOf("=>");
      String path = arrow >= 0 ? trimmed.substring(arrow + 2).strip() : trimmed;
      int paren = path.indexOf(" (");
      if (paren >= 0) {
        path = path.substring(0, paren);
      }
      if (path.startsWith("/") && line.startsWith("\t")) {
        result.add(Path.of(path));
      }
    }
    return result;
  }
}
