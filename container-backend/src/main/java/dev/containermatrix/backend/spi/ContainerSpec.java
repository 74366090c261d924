package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.absolute;
import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.noNul;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Everything a backend needs to run one container. Backend-neutral: a backend that cannot honour a
 * part says so in {@link ContainerRuntime#unsupported(ContainerSpec)}.
 *
 * @param id names the container on the host (cgroup, run directory, docker name): 1 to 63 of {@code
 *     [a-z0-9-]}
 * @param hostname the container's hostname, or {@link #HOST} for the host's own
 * @param baseImage the image reference of the bottom layer, or {@link #HOST} for the host's own
 *     system directories ({@code /usr}, {@code /lib*}, {@code /bin}, {@code /sbin}, a minimal
 *     {@code /etc}), read-only
 * @param layers read-only layers above the base, bottom first
 * @param command the JVM to run, paths as seen inside the container
 * @param environment the container's whole environment; the backend adds only what {@link
 *     ContainerEnvironment} describes (never the host's environment). {@link
 *     ContainerEnvironment#CHANNEL} is reserved
 * @param workingDirectory the JVM's working directory as seen inside the container; absolute
 * @param limits hard resource limits
 * @param files host files placed at fixed paths inside the container
 * @param channelSocket the host path of the Unix socket the container's agent reports on; absolute,
 *     under 108 bytes
 * @param outputDirectory a host directory for {@code stdout.log}, {@code stderr.log} and the
 *     backend's own files; absolute; created if missing
 * @param timeout how long the container may run from launch before it is killed; positive
 * @param writableDirectories host directories the container may write to, each bound read-write at
 *     its own path (for example where a class-data archive is dumped); absolute, and existing when
 *     launched; never {@code null} but usually empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ContainerSpec(
    String id,
    String hostname,
    String baseImage,
    List<Layer> layers,
    JvmCommand command,
    Map<String, String> environment,
    Path workingDirectory,
    ResourceLimits limits,
    List<FileMount> files,
    Path channelSocket,
    Path outputDirectory,
    Duration timeout,
    List<Path> writableDirectories) {

  /**
   * As {@link #baseImage()}: the host's own system directories; as {@link #hostname()}: the host's
   * name.
   */
  public static final String HOST = "host";

  /** Unix socket paths ({@code sun_path}) hold at most 107 bytes and a NUL. */
  static final int MAX_SOCKET_PATH_BYTES = 107;

  public ContainerSpec {
    notNull(id, "container id");
    check(
        id.matches("[a-z0-9-]{1,63}"),
        "container id \"%s\" is invalid: use 1 to 63 characters of a-z, 0-9 and '-'",
        id);
    notNull(hostname, "hostname");
    check(
        hostname.length() <= 63 && hostname.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"),
        "hostname \"%s\" of container %s is invalid: use 1 to 63 letters, digits and inner '-', or"
            + " \"host\"",
        hostname,
        id);
    notNull(baseImage, "base image");
    check(
        !baseImage.isBlank(),
        "base image of container %s is blank: use \"host\" or an image reference",
        id);
    layers = List.copyOf(notNull(layers, "layers"));
    notNull(command, "command");
    environment = copyEnvironment(notNull(environment, "environment"), id);
    absolute(workingDirectory, "working directory");
    notNull(limits, "limits");
    files = List.copyOf(notNull(files, "files"));
    absolute(channelSocket, "channel socket");
    int socketBytes = channelSocket.toString().getBytes(StandardCharsets.UTF_8).length;
    check(
        socketBytes <= MAX_SOCKET_PATH_BYTES,
        "channel socket path %s is %d bytes, but Unix socket paths must be under 108 bytes: put it"
            + " in a short RunDirectory such as /tmp/cm-<pid>-<random>",
        channelSocket,
        socketBytes);
    absolute(outputDirectory, "output directory");
    notNull(timeout, "timeout");
    check(
        !timeout.isNegative() && !timeout.isZero(),
        "timeout of container %s must be positive, was %s",
        id,
        timeout);
    writableDirectories = List.copyOf(notNull(writableDirectories, "writable directories"));
    for (Path directory : writableDirectories) {
      absolute(directory, "writable directory of container " + id);
    }
  }

  /** A spec with no writable host directories. */
  public ContainerSpec(
      String id,
      String hostname,
      String baseImage,
      List<Layer> layers,
      JvmCommand command,
      Map<String, String> environment,
      Path workingDirectory,
      ResourceLimits limits,
      List<FileMount> files,
      Path channelSocket,
      Path outputDirectory,
      Duration timeout) {
    this(
        id,
        hostname,
        baseImage,
        layers,
        command,
        environment,
        workingDirectory,
        limits,
        files,
        channelSocket,
        outputDirectory,
        timeout,
        List.of());
  }

  private static Map<String, String> copyEnvironment(Map<String, String> environment, String id) {
    Map<String, String> copy = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          notNull(name, "environment variable name");
          notNull(value, "value of environment variable " + name);
          check(
              !name.isEmpty() && name.indexOf('=') < 0,
              "environment variable name \"%s\" must be non-empty and free of '='",
              name);
          noNul(name, "environment variable name");
          noNul(value, "value of environment variable " + name);
          check(
              !name.equals(ContainerEnvironment.CHANNEL),
              "environment variable %s of container %s is set by the backend: remove it from the"
                  + " spec",
              name,
              id);
          copy.put(name, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  public ContainerSpec withHostname(String value) {
    return copy(c -> c.hostname = value);
  }

  public ContainerSpec withBaseImage(String value) {
    return copy(c -> c.baseImage = value);
  }

  public ContainerSpec withLayers(List<Layer> value) {
    return copy(c -> c.layers = value);
  }

  public ContainerSpec withCommand(JvmCommand value) {
    return copy(c -> c.command = value);
  }

  public ContainerSpec withEnvironment(Map<String, String> value) {
    return copy(c -> c.environment = value);
  }

  public ContainerSpec withLimits(ResourceLimits value) {
    return copy(c -> c.limits = value);
  }

  public ContainerSpec withFiles(List<FileMount> value) {
    return copy(c -> c.files = value);
  }

  public ContainerSpec withTimeout(Duration value) {
    return copy(c -> c.timeout = value);
  }

  public ContainerSpec withWritableDirectories(List<Path> value) {
    return copy(c -> c.writableDirectories = value);
  }

  /** This spec with {@code change} applied to a copy of its components, validated again. */
  private ContainerSpec copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A spec's components, to change one and build a spec again: what each wither does. */
  private static final class Copy {
    private final String id;
    private String hostname;
    private String baseImage;
    private List<Layer> layers;
    private JvmCommand command;
    private Map<String, String> environment;
    private final Path workingDirectory;
    private ResourceLimits limits;
    private List<FileMount> files;
    private final Path channelSocket;
    private final Path outputDirectory;
    private Duration timeout;
    private List<Path> writableDirectories;

    private Copy(ContainerSpec spec) {
      id = spec.id;
      hostname = spec.hostname;
      baseImage = spec.baseImage;
      layers = spec.layers;
      command = spec.command;
      environment = spec.environment;
      workingDirectory = spec.workingDirectory;
      limits = spec.limits;
      files = spec.files;
      channelSocket = spec.channelSocket;
      outputDirectory = spec.outputDirectory;
      timeout = spec.timeout;
      writableDirectories = spec.writableDirectories;
    }

    private ContainerSpec build() {
      return new ContainerSpec(
          id,
          hostname,
          baseImage,
          layers,
          command,
          environment,
          workingDirectory,
          limits,
          files,
          channelSocket,
          outputDirectory,
          timeout,
          writableDirectories);
    }
  }
}
