package dev.containermatrix.engine.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Maven identity of a classpath entry: from the jar's only {@code
 * META-INF/maven/<g>/<a>/pom.properties}, else from the local-repository layout of its path ({@code
 * <repo>/<g as dirs>/<a>/<v>/<a>-<v>[-<classifier>].jar}, where {@code <repo>} is the given local
 * repository or else the nearest folder named {@code repository}), else unknown. Directories and
 * other files are unknown. Results are cached per JVM by path.
 */
record ArtifactIdentity(String groupId, String artifactId, String version) {
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
  private static final ConcurrentHashMap<CacheKey, Optional<ArtifactIdentity>> CACHE =
      new ConcurrentHashMap<>();

  ArtifactIdentity {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
  }

  /** {@code groupId:artifactId}. */
  String key() {
    return groupId + ":" + artifactId;
  }

  /** The identity of {@code entry}, empty when unknown. */
  static Optional<ArtifactIdentity> of(Path entry, Path localRepository) {
    Path path = entry.toAbsolutePath().normalize();
    return CACHE.computeIfAbsent(
        new CacheKey(path, localRepository), k -> read(k.path(), k.localRepository()));
  }

  private static Optional<ArtifactIdentity> read(Path jar, Path localRepository) {
    if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    return fromPomProperties(jar).or(() -> fromLayout(jar, localRepository));
  }

  static Optional<ArtifactIdentity> fromPomProperties(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<ZipEntry> found = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (POM_PROPERTIES.matcher(entry.getName()).matches()) {
          found.add(entry);
        }
      }
      if (found.size() != 1) {
        return Optional.empty();
      }
      Properties props = new Properties();
      try (InputStream in = zip.getInputStream(found.get(0))) {
        props.load(in);
      }
      String g = props.getProperty("groupId", "").trim();
      String a = props.getProperty("artifactId", "").trim();
      String v = props.getProperty("version", "").trim();
      return g.isEmpty() || a.isEmpty() || v.isEmpty()
          ? Optional.empty()
          : Optional.of(new ArtifactIdentity(g, a, v));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<ArtifactIdentity> fromLayout(Path jar, Path localRepository) {
    Path versionDir = jar.getParent();
    Path artifactDir = versionDir == null ? null : versionDir.getParent();
    if (artifactDir == null || artifactDir.getParent() == null) {
      return Optional.empty();
    }
    String v = versionDir.getFileName().toString();
    String a = artifactDir.getFileName().toString();
    String name = jar.getFileName().toString();
    if (!name.equals(a + "-" + v + ".jar") && !name.startsWith(a + "-" + v + "-")) {
      return Optional.empty();
    }
    Path groupDir = artifactDir.getParent();
    Path repo = localRepository.toAbsolutePath().normalize();
    if (!groupDir.startsWith(repo)) {
      repo = null;
      for (Path p = groupDir.getParent(); p != null; p = p.getParent()) {
        if (p.getFileName() != null && p.getFileName().toString().equals("repository")) {
          repo = p;
          break;
        }
      }
    }
    if (repo == null || repo.equals(groupDir)) {
      return Optional.empty();
    }
    String g =
        repo.relativize(groupDir).toString().replace(groupDir.getFileSystem().getSeparator(), ".");
    return Optional.of(new ArtifactIdentity(g, a, v));
  }

  private record CacheKey(Path path, Path localRepository) {}
}
