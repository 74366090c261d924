package dev.containermatrix.backend.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.hostfs.HostSystem;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A container's layers as images in the engine, one image per prefix of the stack: the image of
 * layers 1..n is the image of 1..n-1 with layer n put in and committed, tagged {@code
 * containermatrix/layers:<key>}, where the key digests the chain of layer directories (the layer
 * store's directories are named by their content). So each layer crosses to the engine once per
 * distinct prefix: variants that share their JDK and jars share those images, and a second run
 * finds them in the engine and sends only what changed (its classes).
 *
 * <p>Each image's labels also record its chain of layer-store directories ({@link LayerChain}), so
 * {@link LayerImageRetention} can remove it once a layer of it has left the store.
 *
 * <p>The bottom image ({@code root}) holds the mount points and, for the {@code host} base, the few
 * {@code /etc} files a JVM reads; it is loaded once per engine.
 */
final class LayerImages {
  private final DockerApi api;
  private final Path scratch;
  private final Map<String, CompletableFuture<String>> building = new ConcurrentHashMap<>();
  private final LongAdder bytesSent = new LongAdder();

  /**
   * @param scratch a directory of this run's where layer tars are written before they are sent
   */
  LayerImages(DockerApi api, Path scratch) {
    this.api = api;
    this.scratch = scratch;
  }

  /** The bytes of layer tars and images sent to the engine so far. */
  long bytesSent() {
    return bytesSent.sum();
  }

  /**
   * The image of {@code layers} (bottom first) on the bottom image for {@code hostBase}, built
   * where the engine lacks it.
   */
  String imageOf(boolean hostBase, List<Path> layers) throws IOException {
    String image = root(hostBase);
    String key = Digest.of(image.getBytes(StandardCharsets.UTF_8)).hex();
    for (Path layer : layers) {
      key = Digest.of((key + "\n" + layer).getBytes(StandardCharsets.UTF_8)).hex();
      image = ensure(image, layer, key);
    }
    return image;
  }

  private String ensure(String parent, Path layer, String key) throws IOException {
    String tag = ContainerLayout.LAYERS_REPOSITORY + ":" + key.substring(0, 32);
    return once(tag, () -> commit(parent, layer, key, tag));
  }

  /** An action that builds an image where the engine lacks it. */
  @FunctionalInterface
  private interface Build {
    void run() throws IOException;
  }

  /**
   * {@code tag}, built by {@code build} where the engine lacks it; once per runtime, however many
   * variants ask at the same time (the others wait for the first).
   */
  private String once(String tag, Build build) throws IOException {
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> existing = building.putIfAbsent(tag, mine);
    if (existing != null) {
      return await(existing, tag);
    }
    try {
      if (!exists(tag)) {
        build.run();
      }
      mine.complete(tag);
      return tag;
    } catch (IOException | RuntimeException e) {
      building.remove(tag);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private void commit(String parent, Path layer, String key, String tag) throws IOException {
    Path tar = Files.createTempFile(scratch, "layer-", ".tar");
    try {
      try (OutputStream out = Files.newOutputStream(tar)) {
        LayerTar.of(layer).writeTo(out);
      }
      commitTar(parent, layer, tar, key, tag);
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  /**
   * The image of {@code parent} with a layer whose tar is {@code tar} put on top, built where the
   * engine lacks it; the tag digests the parent and {@code digest}, the tar's own digest, so the
   * same content on the same parent is sent once.
   *
   * @param source the directory the tar holds (outside the layer store: its image is kept only as
   *     long as the store retention keeps images without a chain)
   */
  String withTar(String parent, Path source, Path tar, Digest digest) throws IOException {
    String key = Digest.of((parent + "\n" + digest.hex()).getBytes(StandardCharsets.UTF_8)).hex();
    String tag = ContainerLayout.LAYERS_REPOSITORY + ":" + key.substring(0, 32);
    return once(tag, () -> commitTar(parent, source, tar, key, tag));
  }

  /**
   * @param layer the directory {@code tar} was written from: a layer-store directory continues the
   *     parent's chain ({@link LayerChain}), any other ends it
   */
  private void commitTar(String parent, Path layer, Path tar, String key, String tag)
      throws IOException {
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", parent);
    config.putArray("Cmd").add("/containermatrix-layer-holder");
    config
        .putObject("Labels")
        .put(ContainerLayout.LAYERS_LABEL, key)
        .put(ContainerLayout.OWNER_LABEL, DockerReaper.ownerOfThisJvm());
    config.putObject("HostConfig").put("NetworkMode", "none");
    String holder = api.createContainer(null, config);
    try {
      bytesSent.add(Files.size(tar));
      try (InputStream in = Files.newInputStream(tar)) {
        api.putArchive(holder, "/", in);
      }
      String[] parts = tag.split(":", 2);
      Map<String, String> labels =
          new HashMap<>(LayerChain.labelsOf(api.inspectImage(parent).labels(), layer));
      labels.put(ContainerLayout.LAYERS_LABEL, key);
      api.commitContainer(holder, parts[0], parts[1], labels);
    } finally {
      api.removeContainer(holder);
    }
  }

  /** The bottom image: mount points, and for the host base its few /etc files. */
  private String root(boolean hostBase) throws IOException {
    ReproducibleLayer layer = rootLayer(hostBase);
    Digest diffId = layer.digest();
    String tag = ContainerLayout.LAYERS_REPOSITORY + ":root-" + diffId.hex().substring(0, 24);
    return once(
        tag,
        () -> {
          byte[] archive = dockerArchive(layer, diffId, tag);
          bytesSent.add(archive.length);
          api.loadImage(new java.io.ByteArrayInputStream(archive));
        });
  }

  static ReproducibleLayer rootLayer(boolean hostBase) throws IOException {
    ReproducibleLayer.Builder root = ReproducibleLayer.builder();
    for (String dir :
        List.of(
            "proc",
            "dev",
            "sys",
            "tmp",
            "run",
            "run/containermatrix",
            "etc",
            "usr",
            "home",
            "root",
            "opt",
            "var",
            "var/tmp",
            "mnt")) {
      root.addDirectory(dir);
    }
    if (hostBase) {
      Path hostRoot = Path.of("/");
      for (String name : HostSystem.TOP_LEVEL) {
        Path host = hostRoot.resolve(name);
        if (Files.isSymbolicLink(host)) {
          root.addSymlink(name, Files.readSymbolicLink(host).toString());
        } else if (Files.isDirectory(host)) {
          root.addDirectory(name);
        }
      }
      for (String name : HostSystem.ETC_FILES) {
        Path file = hostRoot.resolve("etc").resolve(name);
        if (Files.isRegularFile(file) && !Files.isSymbolicLink(file) && Files.isReadable(file)) {
          if (name.contains("/")) {
            root.addDirectory("etc/" + name.substring(0, name.lastIndexOf('/')));
          }
          root.addFile("etc/" + name, Files.readAllBytes(file), false);
        }
      }
    }
    return root.build();
  }

  /** A {@code docker save} archive of one image with {@code layer} alone, tagged {@code tag}. */
  private static byte[] dockerArchive(ReproducibleLayer layer, Digest diffId, String tag)
      throws IOException {
    ByteArrayOutputStream layerBytes = new ByteArrayOutputStream();
    layer.writeTo(layerBytes);
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("architecture", architecture());
    config.put("os", "linux");
    config.putObject("config").putObject("Labels").put(ContainerLayout.LAYERS_LABEL, "root");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(diffId.toString());
    byte[] configBytes = EngineJson.MAPPER.writeValueAsBytes(config);
    String configName = Digest.of(configBytes).hex() + ".json";
    ObjectNode entry = EngineJson.MAPPER.createArrayNode().addObject();
    entry.put("Config", configName);
    entry.putArray("RepoTags").add(tag);
    entry.putArray("Layers").add(diffId.hex() + "/layer.tar");
    byte[] manifest = EngineJson.MAPPER.writeValueAsBytes(List.of(entry));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      put(tar, configName, configBytes);
      put(tar, diffId.hex() + "/layer.tar", layerBytes.toByteArray());
      put(tar, "manifest.json", manifest);
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setModTime(ReproducibleLayer.MTIME_MILLIS);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch", "amd64");
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  private boolean exists(String image) throws IOException {
    try {
      api.inspectImage(image);
      return true;
    } catch (DockerEngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  private static String await(CompletableFuture<String> future, String tag) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while another variant built image " + tag, e);
    } catch (ExecutionException e) {
      throw new IOException(
          "building image " + tag + " for another variant failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }
}
