package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@code ldd} says one dynamically linked program needs: its loader (the ELF interpreter) and
 * its shared libraries, each at its host path. A static program needs neither.
 *
 * @param loader the dynamic loader ({@code /lib64/ld-linux-x86-64.so.2}, or musl's); empty for a static program
 * @param libraries the shared libraries, as {@code ldd} resolved them, loader excluded
 */
@API(status = INTERNAL, since = "0.1")
public record Ldd(Optional<Path> loader, List<Path> libraries) {

  public Ldd {
    libraries = List.copyOf(libraries);
  }

  /**
   * Runs {@code ldd} on {@code program} for at most {@code timeout}.
   *
   * @throws IOException if {@code ldd} fails, hangs or names a library it could not find
   */
  public static Ldd of(Path program, Duration timeout) throws IOException, InterruptedException {
    ProbeResult result = ProbeCommand.of("ldd", program.toString()).run(timeout);
    String output = result.output();
    if (output.contains("not a dynamic executable") || output.contains("statically linked")) {
      return new Ldd(Optional.empty(), List.of());
    }
    if (!result.succeeded()) {
      throw new IOException("cannot list the shared libraries of " + program + ": " + result.describe()
          + "; check that ldd (glibc's or musl's) is installed");
    }
    return parse(program, output);
  }

  /** Reads {@code ldd}'s output for {@code program}: {@code name => /path (0x…)} and a bare loader line. */
  static Ldd parse(Path program, String output) throws IOException {
    Optional<Path> loader = Optional.empty();
    List<Path> libraries = new ArrayList<>();
    for (String line : output.split("\n")) {
      String trimmed = line.strip();
      int arrow = trimmed.indexOf("=>");
      if (trimmed.contains("not found")) {
        throw new IOException("ldd cannot find a library of " + program + ": \"" + trimmed
            + "\"; install it or fix the host's library path");
      }
      String path = withoutAddress(arrow >= 0 ? trimmed.substring(arrow + 2).strip() : trimmed);
      if (!path.startsWith("/")) {
        continue; // linux-vdso.so.1, or a line that names no file
      }
      if (arrow < 0) {
        loader = Optional.of(Path.of(path));
      } else {
        libraries.add(Path.of(path));
      }
    }
    Optional<Path> interpreter = loader;
    libraries.removeIf(library -> interpreter.filter(library::equals).isPresent());
    return new Ldd(loader, libraries);
  }

  private static String withoutAddress(String text) {
    int paren = text.indexOf(" (");
    return paren >= 0 ? text.substring(0, paren) : text;
  }
}
