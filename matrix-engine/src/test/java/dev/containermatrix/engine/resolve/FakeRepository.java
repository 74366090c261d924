package dev.containermatrix.engine.resolve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A Maven repository in a directory, with tiny artifacts written into it in the default layout. */
final class FakeRepository {
  private final Path root;

  FakeRepository(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  String url() {
    return root.toUri().toString();
  }

  /** Writes a jar (with its pom.properties) and a pom whose dependencies are the given xml. */
  Path put(String groupId, String artifactId, String version, String dependenciesXml)
      throws IOException {
    Path dir = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    String pom =
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
          <dependencies>%s</dependencies>
        </project>
        """
            .formatted(groupId, artifactId, version, dependenciesXml);
    write(dir.resolve(artifactId + "-" + version + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
    Path jar = dir.resolve(artifactId + "-" + version + ".jar");
    write(jar, jar(groupId, artifactId, version, true));
    return jar;
  }

  /** A jar with a class-like file and, if asked, {@code META-INF/maven/g/a/pom.properties}. */
  static byte[] jar(String groupId, String artifactId, String version, boolean withPomProperties)
      throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes)) {
      out.putNextEntry(new JarEntry(artifactId + "/Marker.txt"));
      out.write(version.getBytes(StandardCharsets.UTF_8));
      if (withPomProperties) {
        out.putNextEntry(
            new JarEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties"));
        out.write(
            ("groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(content);
    }
    try {
      String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
      Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
