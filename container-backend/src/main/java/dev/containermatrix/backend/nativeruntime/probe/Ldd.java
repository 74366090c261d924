package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code ldd} (glibc's or musl's), asked which shared libraries ELF files need, and killed with its
 * children if it takes longer than {@code timeLimit}: it runs the files' dynamic loader, which a
 * damaged file can hang.
 *
 * @param program the ldd to run, {@code ldd} from the PATH by default
 * @param timeLimit how long one call may take
 */
@API(status = INTERNAL, since = "0.1")
public record Ldd(String program, Duration timeLimit) {

  /** {@code ldd} from the PATH, 60 s a call. */
  public static final Ldd DEFAULT = new Ldd("ldd", Duration.ofSeconds(60));

  /**
   * What one dynamically linked program loads.
   *
   * @param loader the dynamic loader ({@code /lib64/ld-linux-x86-64.so.2}, or musl's); empty for a
   *     static program
   * @param libraries the shared libraries, as {@code ldd} resolved them, loader excluded
   */
  public record Linkage(Optional<Path> loader, List<Path> libraries) {
    public Linkage {
      libraries = List.copyOf(libraries);
    }
  }

  /**
   * The absolute paths {@code ldd} prints for {@code files}, loaders included; static and
   * non-dynamic files print none, and a library {@code ldd} cannot find is left out.
   *
   * @throws IOException if it cannot start or does not finish in time, naming the files and the
   *     limit
   */
  public List<Path> libraries(List<Path> files) throws IOException {
    List<Path> result = new ArrayList<>();
    for (String line : run(files, "or leave these files out of the closure")) {
      path(line).ifPresent(result::add);
    }
    return result;
  }

  /**
   * The loader and libraries of one {@code program}.
   *
   * @throws IOException if {@code ldd} fails, hangs or cannot find one of its libraries
   */
  public Linkage linkage(Path program) throws IOException {
    List<String> lines = run(List.of(program), "or install the program's libraries");
    return parse(program, lines);
  }

  static Linkage parse(Path program, List<String> lines) throws IOException {
    Optional<Path> loader = Optional.empty();
    List<Path> libraries = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("=> not found")) {
        throw new IOException(
            "ldd cannot find a library of "
                + program
                + ": \""
                + line.strip()
                + "\"; install it or fix the host's library path");
      }
      Optional<Path> path = path(line);
      if (path.isPresent() && line.contains("=>")) {
        libraries.add(path.get());
      } else if (path.isPresent()) {
        loader = path;
      }
    }
    Optional<Path> interpreter = loader;
    libraries.removeIf(library -> interpreter.filter(library::equals).isPresent());
    return new Linkage(loader, libraries);
  }

  /**
   * The path in one of ldd's entry lines, which start with a tab: {@code \tlibc.so.6 =>
   * /lib/x86_64-linux-gnu/libc.so.6 (0x…)} or {@code \t/lib64/ld-linux-x86-64.so.2 (0x…)}; empty
   * for {@code linux-vdso.so.1}, a header naming the file asked about, or a library not found.
   */
  private static Optional<Path> path(String line) {
    if (!line.startsWith("\t")) {
      return Optional.empty();
    }
    String trimmed = line.strip();
    int arrow = trimmed.indexOf("=>");
    String path = arrow >= 0 ? trimmed.substring(arrow + 2).strip() : trimmed;
    int paren = path.indexOf(" (");
    if (paren >= 0) {
      path = path.substring(0, paren);
    }
    return path.startsWith("/") ? Optional.of(Path.of(path)) : Optional.empty();
  }

  /**
   * ldd's output lines for {@code files}. It runs as a {@link ProbeCommand}; its stdout goes to a
   * file of its own through {@code sh}, because a probe keeps only the first 2000 characters of
   * what a command prints.
   */
  private List<String> run(List<Path> files, String otherwise) throws IOException {
    Path output = Files.createTempFile("containermatrix-ldd", ".out");
    try {
      // sh -c 'exec "$@" > "$0"' <output> ldd <files…>: ldd's stdout to <output>, its stderr to the
      // probe
      List<String> argv =
          new ArrayList<>(List.of("sh", "-c", "exec \"$@\" > \"$0\"", output.toString(), program));
      files.forEach(f -> argv.add(f.toString()));
      ProbeResult result = new ProbeCommand(argv).run(timeLimit);
      if (result.failure().isPresent()) {
        throw new IOException(
            program
                + " "
                + files.get(0)
                + (files.size() > 1 ? " and " + (files.size() - 1) + " more files " : " ")
                + result.failure().get()
                + (result.output().isEmpty() ? "" : ": " + result.output().replace('\n', ' '))
                + ": check that ldd works on this host (ldd /bin/sh), "
                + otherwise);
      }
      return Files.readAllLines(output, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + program + " ran for " + files.get(0));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
