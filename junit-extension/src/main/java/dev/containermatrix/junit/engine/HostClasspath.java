package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.ContainerRuntimes;
import dev.containermatrix.engine.plan.VariantPlanner;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user's test classpath, which variants start from: the JVM's {@code java.class.path} (Surefire
 * puts the real test classpath there even with its manifest-only booter jar), then the URLs of the
 * class loaders the engine was loaded through (the JUnit console launcher's {@code --class-path}
 * builds one), each jar followed by the entries its manifest's {@code Class-Path} names, as the JVM
 * reads them (an IDE's "classpath jar" names the whole classpath there), without Surefire's own
 * jars and without the engine's own jars (junit-extension and, in this project's build,
 * matrix-engine and container-backend): a variant gets the small agent jar instead.
 */
final class HostClasspath {
  private HostClasspath() {}

  static List<Path> read() {
    return read(System.getProperty("java.class.path", ""), engineLoader(), engineJars());
  }

  /**
   * The classpath a variant starts from, given the JVM's {@code classPath}, the class loader the
   * engine was loaded through, and the engine's own jars.
   */
  static List<Path> read(String classPath, ClassLoader engineLoader, Set<Path> engineJars) {
    return withoutEngine(parse(classPath, loaderUrls(engineLoader)), engineJars);
  }

  static List<Path> parse(String classPath) {
    return parse(classPath, List.of());
  }

  static List<Path> parse(String classPath, List<Path> loaderEntries) {
    Set<Path> entries = new LinkedHashSet<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    loaderEntries.forEach(e -> entries.add(e.toAbsolutePath().normalize()));
    List<Path> result = new ArrayList<>();
    for (Path path : withManifestClassPaths(List.copyOf(entries))) {
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      boolean surefire =
          name.startsWith("surefire") || path.toString().contains("/org/apache/maven/surefire/");
      if (!surefire && Files.exists(path)) {
        result.add(path);
      }
    }
    return result;
  }

  /**
   * {@code entries} with each jar followed by the entries its manifest's {@code Class-Path} names,
   * recursively and each once, as the JVM reads them; relative names resolve against the jar's
   * directory. A jar that holds nothing but its manifest (IntelliJ's "JAR manifest" classpath jar,
   * Surefire's booter jar) is left out: a variant gets what it names, so that the engine's jars it
   * may name stay out and a library axis can replace a jar it names. A jar that cannot be read is
   * kept as it is, for the variant's JVM to ignore as the host's did.
   */
  static List<Path> withManifestClassPaths(List<Path> entries) {
    Set<Path> visited = new HashSet<>();
    List<Path> result = new ArrayList<>();
    for (Path entry : entries) {
      expand(entry.toAbsolutePath().normalize(), visited, result);
    }
    return result;
  }

  private static void expand(Path entry, Set<Path> visited, List<Path> result) {
    if (!visited.add(entry)) {
      return;
    }
    Optional<ManifestClassPath> manifest = ManifestClassPath.read(entry);
    if (manifest.isEmpty() || !manifest.get().onlyManifest()) {
      result.add(entry);
    }
    manifest.ifPresent(m -> m.entries().forEach(named -> expand(named, visited, result)));
  }

  /** {@code entries} without those in {@code engineJars}. */
  static List<Path> withoutEngine(List<Path> entries, Set<Path> engineJars) {
    return entries.stream().filter(e -> !engineJars.contains(e)).toList();
  }

  /**
   * Where the engine's classes come from: one shaded jar for users, three module outputs in our
   * build.
   */
  static Set<Path> engineJars() {
    Set<Path> jars = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(ContainerMatrixTestEngine.class, VariantPlanner.class, ContainerRuntimes.class)) {
      location(c).ifPresent(jars::add);
    }
    return jars;
  }

  /**
   * The JUnit Platform launcher's jar, for a project that does not have it on its test classpath.
   */
  static Optional<Path> launcherJar() {
    try {
      return location(
          Class.forName("org.junit.platform.launcher.core.LauncherFactory", false, engineLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  static Optional<Path> location(Class<?> c) {
    CodeSource code = c.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(code.getLocation().toURI()).toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ClassLoader engineLoader() {
    ClassLoader loader = ContainerMatrixTestEngine.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  /**
   * The file URLs of {@code loader} and its parents that are {@link URLClassLoader}s, outermost
   * first.
   */
  private static List<Path> loaderUrls(ClassLoader loader) {
    Deque<List<Path>> levels = new ArrayDeque<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        List<Path> level = new ArrayList<>();
        for (URL url : urls.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              level.add(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
              // not a path this JVM can name: a variant could not use it either
            }
          }
        }
        levels.push(level);
      }
    }
    List<Path> result = new ArrayList<>();
    levels.forEach(result::addAll);
    return result;
  }
}
