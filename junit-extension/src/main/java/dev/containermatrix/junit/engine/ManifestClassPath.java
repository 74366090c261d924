package dev.containermatrix.junit.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a jar's manifest adds to the classpath through its {@code Class-Path} attribute:
 * space-separated URLs, relative ones resolved against the jar's own location, as the JVM reads
 * them.
 *
 * @param entries the local files and directories it names, in order, never {@code null} but
 *     potentially empty
 * @param onlyManifest whether the jar holds nothing but {@code META-INF/} (a "classpath jar", such
 *     as IntelliJ's for a long command line)
 */
record ManifestClassPath(List<Path> entries, boolean onlyManifest) {
  ManifestClassPath {
    entries = List.copyOf(entries);
  }

  /**
   * The {@code Class-Path} of {@code entry}; empty when it is not a readable jar or its manifest
   * has no {@code Class-Path}. Names that are not {@code file:} URLs or not valid URLs are skipped,
   * as the JVM skips them.
   */
  static Optional<ManifestClassPath> read(Path entry) {
    if (!Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    try (JarFile jar = new JarFile(entry.toFile(), false)) {
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null || classPath.isBlank()) {
        return Optional.empty();
      }
      URI base = entry.toUri();
      List<Path> entries = new ArrayList<>();
      for (String name : classPath.trim().split("\\s+")) {
        resolve(base, name).ifPresent(entries::add);
      }
      return Optional.of(new ManifestClassPath(entries, onlyManifest(jar)));
    } catch (IOException e) {
      // not a jar (or not readable): the host's JVM read no Class-Path from it either
      return Optional.empty();
    }
  }

  private static Optional<Path> resolve(URI base, String name) {
    try {
      URI uri = base.resolve(new URI(name));
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(Path.of(uri).toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean onlyManifest(JarFile jar) {
    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
      if (!e.getName().startsWith("META-INF/")) {
        return false;
      }
    }
    return true;
  }
}
