package dev.containermatrix.backend.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Test images made on the spot, with no registry: an OCI image layout whose one layer holds only
 * the dynamic loader and the C libraries a given JDK's binaries need (found with {@code ldd}) and
 * an {@code /etc/image-release} marker. A host JDK bound into such an image runs on the image's
 * libc. Used by the backend's and the engine's tests (this module's test-jar).
 */
public final class TestImages {
  private TestImages() {}

  /** The host JDK these tests bind into their images: Temurin 25, where its package installs it. */
  public static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  /** {@link #TEMURIN}; the calling test is skipped, saying where it looked, if it is not there. */
  public static Path requireTemurin() {
    HostRequirements.require(
        Files.isExecutable(TEMURIN.resolve("bin/java")), "Temurin 25 is not at " + TEMURIN);
    return TEMURIN;
  }

  /** Writes the image to {@code layout} and returns it. */
  public static Path writeJdkRuntimeImage(Path layout, Path jdk, String release) throws Exception {
    writeOciLayout(layout, libraryLayer(jdk, release, Map.of(), Map.of()));
    return layout;
  }

  /**
   * An image whose JDK is inside it, as eclipse-temurin's are: the C libraries {@code jdk} needs,
   * {@code jdk} copied to {@code home} (without its {@code jmods/}, {@code lib/src.zip} and {@code
   * man/}, which no test runs), and {@code env} ({@code NAME=value}, e.g. {@code
   * JAVA_HOME=/opt/java/openjdk}) in its config. Layers are stored uncompressed, so writing one
   * costs a copy of the JDK, no compression.
   */
  public static Path writeImageWithJdk(Path layout, Path jdk, String home, List<String> env)
      throws Exception {
    return writeImageWithJdk(layout, jdk, home, env, Map.of());
  }

  /**
   * As {@link #writeImageWithJdk(Path, Path, String, List)}, with host programs at {@code
   * /bin/<name>} (and the libraries they link), such as a shell.
   */
  public static Path writeImageWithJdk(
      Path layout, Path jdk, String home, List<String> env, Map<String, Path> tools)
      throws Exception {
    ReproducibleLayer.Builder jdkLayer = ReproducibleLayer.builder();
    Path real = jdk.toRealPath();
    String inLayer = home.substring(1);
    try (Stream<Path> tree = Files.walk(real)) {
      for (Path path : tree.sorted().toList()) {
        String relative = real.relativize(path).toString();
        if (relative.startsWith("jmods")
            || relative.equals("lib/src.zip")
            || relative.startsWith("man")) {
          continue;
        }
        String name = relative.isEmpty() ? inLayer : inLayer + "/" + relative;
        if (Files.isSymbolicLink(path)) {
          jdkLayer.addSymlink(name, Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path)) {
          jdkLayer.addDirectory(name);
        } else if (Files.isRegularFile(path)) {
          jdkLayer.addFile(name, path, Files.isExecutable(path));
        }
      }
    }
    writeUncompressedOciLayout(
        layout, List.of(libraryLayer(jdk, "jdk-image", tools, Map.of()), jdkLayer.build()), env);
    return layout;
  }

  /** An OCI image layout of {@code layers} (bottom first), each an uncompressed tar blob. */
  public static Path writeUncompressedOciLayout(
      Path layout, List<ReproducibleLayer> layers, List<String> env) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    ObjectNode config = json.createObjectNode().put("os", "linux").put("architecture", "amd64");
    var envArray = config.putObject("config").putArray("Env");
    env.forEach(envArray::add);
    var diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ObjectNode manifest =
        json.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    var layerArray = json.createArrayNode();
    for (ReproducibleLayer layer : layers) {
      Path tar = Files.createTempFile(blobs, "layer", ".tar");
      Digest diffId;
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tar))) {
        diffId = layer.writeTo(out);
      }
      long size = Files.size(tar);
      Files.move(
          tar,
          layout.resolve(diffId.layoutPath()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      diffIds.add(diffId.toString());
      layerArray
          .addObject()
          .put("mediaType", "application/vnd.oci.image.layer.v1.tar")
          .put("digest", diffId.toString())
          .put("size", size);
    }
    byte[] configBytes = json.writeValueAsBytes(config);
    String configDigest = blob(layout, configBytes);
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest)
        .put("size", configBytes.length);
    manifest.set("layers", layerArray);
    byte[] manifestBytes = json.writeValueAsBytes(manifest);
    String manifestDigest = blob(layout, manifestBytes);
    ObjectNode index = json.createObjectNode().put("schemaVersion", 2);
    index
        .putArray("manifests")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", manifestDigest)
        .put("size", manifestBytes.length);
    Files.write(layout.resolve("index.json"), json.writeValueAsBytes(index));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return layout;
  }

  /**
   * A root filesystem tar (as {@code docker import} takes it) for the JDK's libraries plus {@code
   * tools} (name in /bin → host binary, e.g. {@code sh} → {@code /bin/dash}) with theirs, and
   * {@code files} (path → text).
   */
  public static Path writeRootfsTar(
      Path tar, Path jdk, Map<String, Path> tools, Map<String, String> files) throws Exception {
    try (var out = Files.newOutputStream(tar)) {
      libraryLayer(jdk, "containermatrix-tools-image", tools, files).writeTo(out);
    }
    return tar;
  }

  /**
   * The dynamic loader and every shared library outside the JDK that its binaries need, at their
   * paths.
   */
  private static ReproducibleLayer libraryLayer(
      Path jdk, String release, Map<String, Path> tools, Map<String, String> files)
      throws Exception {
    Set<String> libraries = new TreeSet<>();
    List<Path> binaries;
    try (Stream<Path> tree = Files.walk(jdk)) {
      binaries =
          new java.util.ArrayList<>(
              tree.filter(p -> p.toString().endsWith(".so") || p.equals(jdk.resolve("bin/java")))
                  .toList());
    }
    binaries.addAll(tools.values());
    for (Path binary : binaries) {
      Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
      for (String line :
          new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.trim().split("\\s+");
        for (String part : parts) {
          if (part.startsWith("/")
              && !part.startsWith(jdk.toString())
              && Files.exists(Path.of(part))) {
            libraries.add(part);
          }
        }
      }
      ldd.waitFor();
    }
    ReproducibleLayer.Builder layer =
        ReproducibleLayer.builder()
            .addFile("etc/image-release", (release + "\n").getBytes(StandardCharsets.UTF_8), false);
    for (String library : libraries) {
      layer.addFile(library.substring(1), Path.of(library).toRealPath(), true);
    }
    for (Map.Entry<String, Path> tool : tools.entrySet()) {
      layer.addFile("bin/" + tool.getKey(), tool.getValue().toRealPath(), true);
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      layer.addFile(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8), false);
    }
    return layer.build();
  }

  private static void writeOciLayout(Path layout, ReproducibleLayer layer) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    Digest diffId = layer.writeTo(tar);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(tar.toByteArray());
    }
    Files.createDirectories(layout.resolve("blobs/sha256"));
    String layerDigest = blob(layout, gzip.toByteArray());
    ObjectNode config = json.createObjectNode().put("os", "linux").put("architecture", "amd64");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(diffId.toString());
    byte[] configBytes = json.writeValueAsBytes(config);
    String configDigest = blob(layout, configBytes);
    ObjectNode manifest =
        json.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest)
        .put("size", configBytes.length);
    manifest
        .putArray("layers")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
        .put("digest", layerDigest)
        .put("size", gzip.size());
    byte[] manifestBytes = json.writeValueAsBytes(manifest);
    String manifestDigest = blob(layout, manifestBytes);
    ObjectNode index = json.createObjectNode().put("schemaVersion", 2);
    index
        .putArray("manifests")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", manifestDigest)
        .put("size", manifestBytes.length);
    Files.write(layout.resolve("index.json"), json.writeValueAsBytes(index));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  private static String blob(Path layout, byte[] bytes) throws IOException {
    String digest = Digest.of(bytes).toString();
    Files.write(layout.resolve(Digest.parse(digest).layoutPath()), bytes);
    return digest;
  }
}
