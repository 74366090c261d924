package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.hostfs.HostSystem;
import dev.containermatrix.backend.hostprocess.JvmCommandLine;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The docker backend: each container runs in a Docker (or Podman) engine reached through its Unix
 * socket. The spec's layers become images in the engine, one per prefix of the stack ({@link
 * LayerImages}), so variants and runs share what they have in common; the config layer's files, the
 * JVM's argument file, the working directory and the agent's channel socket are bound in from the
 * host, which is why the engine must run on this host (a Linux engine: Docker Engine, or Podman).
 * Limits go through the engine's HostConfig; containers get loopback only, no capabilities and a
 * read-only root with a private {@code /tmp} ({@link CreateRequest}).
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerRuntime implements ContainerRuntime {
  private final DockerApi api;
  private final String runId;
  private final FileTransfer.Decision files;
  private @Nullable EngineInfo info;
  private @Nullable RunDirectory runDirectory;
  private @Nullable LayerImages images;
  private final Map<Path, WrittenLayer> workingDirectories = new java.util.HashMap<>();

  /**
   * A runtime that binds the host's files ({@link FileTransfer#BIND}).
   *
   * @param runId labels every container of this runtime, so the reaper can tell whose it is
   */
  public DockerRuntime(DockerApi api, String runId) {
    this(api, runId, new FileTransfer.Decision(FileTransfer.BIND, "bound"));
  }

  DockerRuntime(DockerApi api, String runId, FileTransfer.Decision files) {
    this.api = api;
    this.runId = runId;
    this.files = files;
  }

  /**
   * The runtime for the engine {@code api} talks to, getting files to it as {@code files} says:
   * {@link FileTransfer#AUTO} asks the engine where it runs.
   */
  public static DockerRuntime on(DockerApi api, String runId, FileTransfer files)
      throws IOException {
    EngineInfo info = api.info();
    DockerRuntime runtime =
        new DockerRuntime(
            api, runId, files.decide(info, localHostname(), System.getProperty("os.name", "")));
    runtime.info = info;
    return runtime;
  }

  /** What the engine says of its host, asked once. */
  private synchronized EngineInfo info() throws IOException {
    if (info == null) {
      info = api.info();
    }
    return info;
  }

  /** How files reach this runtime's containers, and why, for the report. */
  public String filesDecision() {
    return files.reason();
  }

  /** Whether files reach the containers as layers ({@link FileTransfer#COPY}). */
  public boolean copiesFiles() {
    return files.mode() == FileTransfer.COPY;
  }

  private static String localHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      return System.getenv().getOrDefault("HOSTNAME", "");
    }
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public boolean usesLayers() {
    return true;
  }

  /** The bytes of layers and images this runtime has sent to the engine. */
  public synchronized long bytesSent() {
    return images == null ? 0 : images.bytesSent();
  }

  @Override
  public List<String> unsupported(ContainerSpec spec) {
    List<String> out = new ArrayList<>();
    boolean hostBase = ContainerSpec.HOST.equals(spec.baseImage());
    if (!hostBase && spec.layers().stream().noneMatch(l -> Layer.BASE.equals(l.role()))) {
      out.add(
          "the docker backend needs base image "
              + spec.baseImage()
              + " as layers of role '"
              + Layer.BASE
              + "' in the spec (bottom first): read it into the layer store first");
    }
    if (copiesFiles()) {
      out.addAll(CopyLimitations.of(spec, files.reason()));
    } else if (!System.getProperty("os.name", "").startsWith("Linux")) {
      out.add(
          "the docker backend binds the agent's channel, the working directory and config files"
              + " from this host, which needs the engine on this Linux host; on "
              + System.getProperty("os.name")
              + " the engine runs in a VM: set "
              + FileTransfer.CONFIGURATION_KEY
              + "=copy or auto");
    }
    return out;
  }

  @Override
  public ContainerHandle launch(ContainerSpec spec) throws ContainerException {
    return launch(spec, null);
  }

  /**
   * Starts {@code spec}'s container with {@code command} in place of its JVM, where not null: the
   * benchmark runs {@code /bin/true} so.
   */
  ContainerHandle launch(ContainerSpec spec, @Nullable List<String> command)
      throws ContainerException {
    List<String> unsupported = unsupported(spec);
    if (!unsupported.isEmpty()) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot run on the docker backend: "
              + String.join("; ", unsupported));
    }
    if (copiesFiles()) {
      return launchCopied(spec, command);
    }
    Path argFile = null;
    String id = null;
    try {
      boolean hostBase = ContainerSpec.HOST.equals(spec.baseImage());
      List<Path> imageLayers =
          spec.layers().stream()
              .filter(l -> !Layer.CONFIG.equals(l.role()))
              .map(Layer::directory)
              .toList();
      String image = images().imageOf(hostBase, imageLayers);
      argFile = runDirectory().path().resolve(spec.id() + ".java.args");
      Files.writeString(
          argFile,
          new JvmCommandLine(spec.command(), Path.of(ContainerLayout.ARGFILE)).argFileContent(),
          StandardCharsets.UTF_8);
      Map<Path, Path> readOnly = new LinkedHashMap<>();
      if (hostBase) {
        hostSystem(readOnly);
      }
      for (Layer layer : spec.layers()) {
        if (Layer.CONFIG.equals(layer.role())) {
          configFiles(layer.directory(), readOnly);
        }
      }
      for (FileMount file : spec.files()) {
        readOnly.put(Path.of(file.target()), file.source());
      }
      hostEntries(spec, imageLayers, readOnly);
      readOnly.put(Path.of(ContainerLayout.ARGFILE), argFile);
      ObjectNode config = CreateRequest.of(spec, image, readOnly, runId);
      replaceCommand(config, command);
      id = api.createContainer(name(spec), config);
      api.startContainer(id);
      long pid = api.inspectContainer(id).pid().orElse(0);
      Path ownArgFile = argFile;
      return new DockerContainer(
          api,
          id,
          spec,
          pid,
          info().limits().missing(spec.limits(), api.host().toString()),
          DockerContainer.followedLog(api, id),
          () -> deleteQuietly(ownArgFile));
    } catch (IOException | RuntimeException e) {
      removeQuietly(id, e);
      if (argFile != null) {
        deleteQuietly(argFile);
      }
      throw cannotStart(spec, e);
    }
  }

  /**
   * Starts {@code spec}'s container with every file in its image: the layers, the config files and
   * the working directory; the JVM's arguments in its environment; its events over its attached
   * stdout.
   */
  private ContainerHandle launchCopied(ContainerSpec spec, @Nullable List<String> command)
      throws ContainerException {
    String id = null;
    AttachedOutput output = null;
    try {
      String image = images().imageOf(false, spec.layers().stream().map(Layer::directory).toList());
      WrittenLayer wd = workingDirectory(spec);
      image = images().withTar(image, spec.workingDirectory(), wd.tar(), wd.digest());
      List<String> pieces =
          CopiedStart.pieces(
              new JvmCommandLine(spec.command(), Path.of(CopiedStart.ARGFILE)).argFileContent(),
              spec.id());
      boolean channel = Files.exists(spec.channelSocket());
      ObjectNode config = CreateRequest.copied(spec, image, runId, pieces, channel);
      replaceCommand(config, command);
      id = api.createContainer(name(spec), config);
      output = AttachedOutput.connect(api.attach(id, false), channel ? spec.channelSocket() : null);
      api.startContainer(id);
      long pid = api.inspectContainer(id).pid().orElse(0);
      AttachedOutput attached = output;
      return new DockerContainer(
          api,
          id,
          spec,
          pid,
          info().limits().missing(spec.limits(), api.host().toString()),
          output,
          () -> {
            try {
              attached.close();
            } catch (IOException e) {
              // closed by the container's end already
            }
          });
    } catch (IOException | RuntimeException e) {
      if (output != null) {
        try {
          output.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      removeQuietly(id, e);
      throw cannotStart(spec, e);
    }
  }

  /** The working directory's layer, written once per runtime into its scratch directory. */
  private WrittenLayer workingDirectory(ContainerSpec spec) throws IOException {
    synchronized (workingDirectories) {
      WrittenLayer known = workingDirectories.get(spec.workingDirectory());
      if (known != null) {
        return known;
      }
      Path tar =
          Files.createTempFile(
              Files.createDirectories(runDirectory().path().resolve("layers")),
              "working-directory-",
              ".tar");
      dev.containermatrix.backend.oci.Digest digest;
      try (java.io.OutputStream out = Files.newOutputStream(tar)) {
        digest = WorkingDirectoryLayer.of(spec.workingDirectory(), buildOutputs(spec)).writeTo(out);
      }
      WrittenLayer written = new WrittenLayer(tar, digest);
      workingDirectories.put(spec.workingDirectory(), written);
      return written;
    }
  }

  private static List<Path> buildOutputs(ContainerSpec spec) {
    List<Path> outputs = new ArrayList<>(spec.command().classpath());
    outputs.add(spec.outputDirectory());
    return outputs;
  }

  /** A layer's tar, written, and its digest. */
  private record WrittenLayer(Path tar, dev.containermatrix.backend.oci.Digest digest) {}

  private static void replaceCommand(ObjectNode config, @Nullable List<String> command) {
    if (command != null) {
      com.fasterxml.jackson.databind.node.ArrayNode cmd = config.putArray("Cmd");
      command.forEach(cmd::add);
    }
  }

  private void removeQuietly(@Nullable String id, Exception failure) {
    if (id != null) {
      try {
        api.removeContainer(id);
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  private ContainerException cannotStart(ContainerSpec spec, Exception e) {
    return new ContainerException(
        "container "
            + spec.id()
            + " could not be started in the Docker engine at "
            + api.host()
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Removes the engine's layer images of ours that the layer store's retention left without one of
   * their layers, and those committed before images recorded their layers once they are older than
   * {@code unusedFor} ({@link LayerImageRetention}); call it after {@code LayerStore.retain}. Never
   * throws and never forces: an image a container uses, or the engine refused to remove, stays for
   * the next run.
   *
   * @return the names of the images removed
   */
  public List<String> retainImages(Duration unusedFor) {
    return new LayerImageRetention(api, LayerImageRetention.OURS, Clock.systemUTC())
        .apply(unusedFor)
        .removed();
  }

  /** The bottom image of the {@code host} base, loaded where the engine lacks it. */
  String rootImage() throws IOException {
    return images().imageOf(true, List.of());
  }

  /** The container's name in the engine: {@code cm-<run>-<spec id>}, unique per run. */
  private String name(ContainerSpec spec) {
    String name = "cm-" + runId.replaceAll("[^a-zA-Z0-9_.-]", "-") + "-" + spec.id();
    return name.length() <= 128 ? name : name.substring(0, 128);
  }

  /** The host's system directories, bound read-only as the {@code host} base. */
  private static void hostSystem(Map<Path, Path> readOnly) throws IOException {
    readOnly.put(Path.of("/usr"), Path.of("/usr"));
    for (String name : HostSystem.TOP_LEVEL) {
      Path dir = Path.of("/", name);
      if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
        readOnly.put(dir, dir);
      }
    }
    List<String> etc = new ArrayList<>(HostSystem.ETC_DIRECTORIES);
    try (Stream<Path> java = Files.list(Path.of("/etc"))) {
      java.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("java-"))
          .forEach(etc::add);
    }
    for (String name : etc) {
      Path dir = Path.of("/etc", name);
      if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir) && Files.isReadable(dir)) {
        readOnly.put(dir, dir);
      }
    }
  }

  /**
   * The JDK (unless it is the base image's own) and the classpath entries that no layer holds,
   * bound read-only from the host at their own paths, as the native backend does.
   */
  private static void hostEntries(ContainerSpec spec, List<Path> layers, Map<Path, Path> readOnly) {
    List<Path> entries = new ArrayList<>();
    if (!spec.command().javaHomeInImage()) {
      // a JDK inside the base image is the image's; the host's at the same path must not cover it
      entries.add(spec.command().javaHome());
    }
    entries.addAll(spec.command().classpath());
    for (Path entry : entries) {
      Path relative = Path.of("/").relativize(entry);
      boolean inLayer = layers.stream().anyMatch(l -> Files.exists(l.resolve(relative.toString())));
      if (!inLayer && Files.exists(entry)) {
        readOnly.put(entry, entry);
      }
    }
  }

  /** Each regular file of a config layer, bound read-only at its path inside. */
  private static void configFiles(Path layer, Map<Path, Path> readOnly) throws IOException {
    try (Stream<Path> files = Files.walk(layer)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        readOnly.put(Path.of("/").resolve(layer.relativize(file).toString()), file);
      }
    }
  }

  private synchronized LayerImages images() throws IOException {
    if (images == null) {
      images =
          new LayerImages(api, Files.createDirectories(runDirectory().path().resolve("layers")));
    }
    return images;
  }

  private synchronized RunDirectory runDirectory() throws IOException {
    if (runDirectory == null) {
      runDirectory = RunDirectory.create();
    }
    return runDirectory;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the run directory goes with the runtime, or the next run's reaper
    }
  }

  @Override
  public synchronized void close() {
    if (runDirectory != null) {
      runDirectory.close();
      runDirectory = null;
      images = null;
      synchronized (workingDirectories) {
        workingDirectories.clear();
      }
    }
  }
}
