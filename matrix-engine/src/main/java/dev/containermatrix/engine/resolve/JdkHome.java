package dev.containermatrix.engine.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a folder for a JDK: a {@code release} file with {@code JAVA_VERSION} and an executable
 * {@code bin/java}. Either a {@link Jdk} or the reason it is none.
 */
final class JdkHome {
  private static final Pattern JAVA_VERSION =
      Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\r\\n]+)\"?\\s*$");
  private static final Pattern FEATURE = Pattern.compile("^(?:1\\.(\\d+)|(\\d+))(?:\\D.*)?$");

  private JdkHome() {}

  /** The outcome of probing one folder: a JDK, or why not. */
  record Probe(Path dir, @Nullable Jdk jdk, String reason) {
    boolean found() {
      return jdk != null;
    }
  }

  static Probe probe(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new Probe(dir, null, "it does not exist");
    }
    Path release = dir.resolve("release");
    if (!Files.isRegularFile(release)) {
      return new Probe(dir, null, "it has no release file");
    }
    Path java = dir.resolve("bin").resolve("java");
    if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
      return new Probe(dir, null, "it has no executable bin/java");
    }
    String text;
    Path real;
    try {
      text = Files.readString(release);
      real = dir.toRealPath();
    } catch (IOException e) {
      return new Probe(dir, null, "its release file cannot be read (" + e.getMessage() + ")");
    }
    Matcher m = JAVA_VERSION.matcher(text);
    if (!m.find()) {
      return new Probe(dir, null, "its release file has no JAVA_VERSION");
    }
    String version = m.group(1).trim();
    int feature = feature(version);
    if (feature < 1) {
      return new Probe(dir, null, "its JAVA_VERSION \"" + version + "\" is not a Java version");
    }
    return new Probe(dir, new Jdk(real, feature, version), "");
  }

  /** {@code JAVA_VERSION} of a {@code release} file's text, if it has one. */
  static java.util.Optional<String> javaVersion(String releaseText) {
    Matcher m = JAVA_VERSION.matcher(releaseText);
    return m.find() ? java.util.Optional.of(m.group(1).trim()) : java.util.Optional.empty();
  }

  /**
   * 8 for {@code 1.8} or {@code 1.8.0_392}, 17 for {@code 17} or {@code 17.0.15}; -1 when neither.
   */
  static int feature(String version) {
    Matcher m = FEATURE.matcher(version.trim());
    if (!m.matches()) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
