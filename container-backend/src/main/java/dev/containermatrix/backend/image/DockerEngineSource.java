package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads an image from a local Docker engine ({@code docker:<name>}): exports it with the docker CLI
 * ({@code docker save -o <tar> <name>}) into a tar in a scratch directory the caller owns, then
 * reads that tar with {@link DockerArchiveReader}. The image's layers are read from that tar, so the
 * caller deletes the scratch directory only after it has consumed them.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerEngineSource implements ImageReader {

  /** Where a local Docker engine listens. */
  public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

  private final String name;
  private final Path socket;
  private final Path scratchDirectory;

  /** Reads {@code name} from the engine at {@link #DEFAULT_SOCKET}. */
  public DockerEngineSource(String name, Path scratchDirectory) {
    this(name, DEFAULT_SOCKET, scratchDirectory);
  }

  public DockerEngineSource(String name, Path socket, Path scratchDirectory) {
    this.name = new ImageReference.DockerEngine(name).name();
    ImageReferences.checkAbsolute(socket, "docker socket");
    ImageReferences.checkAbsolute(scratchDirectory, "scratch directory");
    this.socket = socket;
    this.scratchDirectory = scratchDirectory;
  }

  /** Whether an engine socket exists at {@link #DEFAULT_SOCKET} and the docker CLI is on the PATH. */
  public static boolean isAvailable() {
    return Files.exists(DEFAULT_SOCKET) && dockerCli().isPresent();
  }

  @Override
  public Image read() throws IOException {
    if (!Files.exists(socket)) {
      throw new ImageSourceException("docker:" + name + " needs a local Docker engine, but " + socket
          + " does not exist: start dockerd, or export the image elsewhere with docker save and use docker-archive:<tar>");
    }
    Path docker = dockerCli().orElseThrow(() -> new ImageSourceException("docker:" + name
        + " needs the docker CLI to export the image, but no docker is on the PATH (" + System.getenv("PATH")
        + "): install it (apt-get install docker.io), or use docker-archive:<tar>"));
    Files.createDirectories(scratchDirectory);
    Path tar = Files.createTempFile(scratchDirectory, "docker-save-", ".tar");
    save(docker, tar);
    return new DockerArchiveReader(tar, "docker:" + name).read();
  }

  private void save(Path docker, Path tar) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of(docker.toString(), "save", "-o", tar.toString(), name))
        .redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", "unix://" + socket);
    Process process = builder.start();
    String output;
    int exit;
    try (var out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Files.deleteIfExists(tar);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while docker save " + name + " ran");
    }
    if (exit != 0) {
      Files.deleteIfExists(tar);
      throw new ImageSourceException("docker save " + name + " failed with exit code " + exit + ": " + output
          + ": check that the engine at " + socket + " has the image (docker image ls " + name + ")");
    }
  }

  private static Optional<Path> dockerCli() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
