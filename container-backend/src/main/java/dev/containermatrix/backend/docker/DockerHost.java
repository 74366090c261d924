package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where the Docker (or Podman) engine listens: a Unix domain socket. Chosen, first present wins,
 * from the configuration parameter {@value #CONFIGURATION_KEY}, the environment variable {@code
 * DOCKER_HOST}, then {@link #DEFAULT}. Only {@code unix://<absolute path>} is supported; {@code
 * tcp://}, {@code npipe://} and {@code ssh://} are refused with what to do instead.
 *
 * @param socket the socket's absolute path
 * @param files how files reach its containers ({@value FileTransfer#CONFIGURATION_KEY})
 */
@API(status = INTERNAL, since = "0.1")
public record DockerHost(Path socket, FileTransfer files) {

  /** The configuration parameter naming the engine. */
  public static final String CONFIGURATION_KEY = "containermatrix.docker.host";

  /** The engine of a default Docker install (Podman's rootful service listens there too). */
  public static final DockerHost DEFAULT = new DockerHost(Path.of("/var/run/docker.sock"));

  private static final String UNIX = "unix://";

  /** The engine at {@code socket}, files transferred as {@link FileTransfer#AUTO} decides. */
  public DockerHost(Path socket) {
    this(socket, FileTransfer.AUTO);
  }

  public DockerHost {
    Objects.requireNonNull(socket, "socket must not be null");
    Objects.requireNonNull(files, "files must not be null");
    if (!socket.isAbsolute()) {
      throw new IllegalArgumentException(
          "The Docker socket must be an absolute path, was \""
              + socket
              + "\": write unix:///<absolute path>, e.g. unix:///var/run/docker.sock");
    }
  }

  /**
   * The engine named by {@code configured} (the value of {@value #CONFIGURATION_KEY}) if it is
   * given and not blank, else by {@code DOCKER_HOST} in {@code environment}, else {@link #DEFAULT}.
   *
   * @throws IllegalArgumentException naming the value and where it came from, if it is not a {@code
   *     unix://} address
   */
  public static DockerHost resolve(@Nullable String configured, Map<String, String> environment) {
    if (configured != null && !configured.isBlank()) {
      return parse(configured.strip(), CONFIGURATION_KEY);
    }
    String fromEnvironment = environment.get("DOCKER_HOST");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return parse(fromEnvironment.strip(), "DOCKER_HOST");
    }
    return DEFAULT;
  }

  /** The engine at {@code unix://<absolute path>}, as {@code source} (for the message) gives it. */
  public static DockerHost parse(String address, String source) {
    Objects.requireNonNull(address, "address must not be null");
    if (address.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          source
              + " must not contain a NUL character, was \""
              + address.replace("\0", "\\0")
              + "\"");
    }
    if (address.startsWith(UNIX)) {
      String path = address.substring(UNIX.length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            source
                + " is \""
                + address
                + "\", whose socket path is not absolute: write unix:///<absolute path>, e.g."
                + " unix:///var/run/docker.sock or unix:///run/user/1000/podman/podman.sock");
      }
      return new DockerHost(Path.of(path));
    }
    int colon = address.indexOf("://");
    String scheme = colon < 0 ? "" : address.substring(0, colon + 3);
    String why =
        switch (scheme) {
          case "tcp://", "http://", "https://" ->
              "a TCP engine is not supported (no TLS client here, and the engine's API is root"
                  + " on its host): run the tests on the engine's host, or forward its socket"
                  + " to a local one, e.g. ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock"
                  + " <host>, and set "
                  + CONFIGURATION_KEY
                  + "=unix:///tmp/docker.sock";
          case "npipe://" ->
              "Windows named pipes are not supported: the docker backend runs Linux containers"
                  + " from a Linux host; use WSL 2 with its /var/run/docker.sock";
          case "ssh://" ->
              "an engine over ssh is not supported: forward its socket to a local one, e.g."
                  + " ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock <host>, and set "
                  + CONFIGURATION_KEY
                  + "=unix:///tmp/docker.sock";
          default -> "it is not an address of the form unix:///<absolute path>";
        };
    throw new IllegalArgumentException(
        source
            + " is \""
            + address
            + "\": "
            + why
            + ". Supported: unix:///<absolute path> (default unix:///var/run/docker.sock)");
  }

  /** This engine, with files transferred as {@code mode} says. */
  public DockerHost withFiles(FileTransfer mode) {
    return new DockerHost(socket, mode);
  }

  /**
   * {@code unix://<socket>}, as {@code DOCKER_HOST} and the docker CLI's {@code --host} take it.
   */
  public String address() {
    return UNIX + socket;
  }

  @Override
  public String toString() {
    return address();
  }
}
