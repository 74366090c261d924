package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.junit.agent.AgentMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The one jar of ours on a variant's classpath: the agent ({@code dev.containermatrix.junit.agent})
 * and the annotations and {@code Variant} a test class refers to ({@code
 * dev.containermatrix.junit}), nothing else. It is cut from the classes of the jar (or, in this
 * project's own build, the directory) the engine was loaded from, so it always matches the host's
 * engine.
 *
 * <p>Its bytes depend only on those classes (sorted entries, fixed times), and it is written once
 * to {@code <store>/agent/agent-<sha256>.jar} and never rewritten, so its path and modification
 * time stay the same across runs: the class-data archives of variants, which check both, stay
 * valid.
 */
final class AgentJar {
  static final String API_PACKAGE = "dev/containermatrix/junit/";
  static final String AGENT_PACKAGE = "dev/containermatrix/junit/agent/";

  /** 1 Jan 2026 UTC: any fixed time keeps the jar's bytes reproducible. */
  private static final long ENTRY_TIME = 1767225600000L;

  private AgentJar() {}

  /** Writes the agent jar into {@code storeRoot} unless it is there, and returns its path. */
  static Path materialize(Path storeRoot) {
    Path source = codeSource();
    try {
      byte[] jar = build(classesOf(source));
      Path directory = Files.createDirectories(storeRoot.resolve("agent"));
      Path target = directory.resolve("agent-" + sha256(jar) + ".jar");
      if (!Files.isRegularFile(target)) {
        Path temp = Files.createTempFile(directory, "agent-", ".tmp");
        try {
          Files.write(temp, jar);
          // readable by every container user, whatever the umask (createTempFile makes it 0600)
          Files.setPosixFilePermissions(
              temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
          // a link, not a rename: it never replaces a jar another run wrote first (its time must
          // stay)
          Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
          // another run wrote the same bytes first
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not write the variant agent jar under "
              + storeRoot.resolve("agent")
              + " (from the engine's classes in "
              + source
              + "): "
              + e.getMessage()
              + "; check that containermatrix.store names a writable directory",
          e);
    }
  }

  /** The jar or directory the engine's classes were loaded from. */
  static Path codeSource() {
    CodeSource code = AgentMain.class.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      throw new IllegalStateException(
          "Cannot tell where the ContainerMatrix engine's classes were loaded from"
              + " (no code source for "
              + AgentMain.class.getName()
              + "); load junit-extension from a jar or a"
              + " directory on the test classpath, not from a custom class loader");
    }
    try {
      return Path.of(code.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "The ContainerMatrix engine was loaded from "
              + code.getLocation()
              + ", which is not a local file; put junit-extension on the test classpath as a file",
          e);
    }
  }

  /** The agent's and the API's class files in {@code source}, by entry name, sorted. */
  static Map<String, byte[]> classesOf(Path source) throws IOException {
    Map<String, byte[]> classes = new TreeMap<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> files = Files.walk(source.resolve(API_PACKAGE))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = source.relativize(file).toString().replace('\\', '/');
          if (belongs(name) && Files.isRegularFile(file)) {
            classes.put(name, Files.readAllBytes(file));
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(source.toFile())) {
        for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
          if (belongs(entry.getName()) && !entry.isDirectory()) {
            try (InputStream in = jar.getInputStream(entry)) {
              classes.put(entry.getName(), in.readAllBytes());
            }
          }
        }
      }
    }
    if (!classes.containsKey(AGENT_PACKAGE + "AgentMain.class")) {
      throw new IOException("no " + AGENT_PACKAGE + "AgentMain.class in " + source);
    }
    return classes;
  }

  /** A class of the API package itself (not its sub-packages) or of the agent package. */
  static boolean belongs(String entryName) {
    if (!entryName.endsWith(".class")) {
      return false;
    }
    if (entryName.startsWith(AGENT_PACKAGE)) {
      return entryName.indexOf('/', AGENT_PACKAGE.length()) < 0;
    }
    return entryName.startsWith(API_PACKAGE) && entryName.indexOf('/', API_PACKAGE.length()) < 0;
  }

  private static byte[] build(Map<String, byte[]> classes) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AgentMain.class.getName());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
      manifestEntry.setTime(ENTRY_TIME);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        JarEntry entry = new JarEntry(c.getKey());
        entry.setTime(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(c.getValue());
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    return Digest.of(bytes).hex();
  }
}
