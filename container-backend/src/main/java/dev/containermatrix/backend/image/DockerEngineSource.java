package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.nativeruntime.probe.ProbeCommand;
import dev.containermatrix.backend.nativeruntime.probe.ProbeResult;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Reads an image from a local Docker engine ({@code docker:<name>}): exports it with the docker CLI
 * ({@code docker save -o <tar> <name>}, killed after {@link #SAVE_TIME_LIMIT}) into a tar in a
 * scratch directory the caller owns, then reads that tar with {@link DockerArchiveReader}. The
 * image's layers are read from that tar, so the caller deletes the scratch directory only after it
 * has consumed them.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerEngineSource implements ImageReader {

  /** Where a local Docker engine listens. */
  public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

  /**
   * How long {@code docker save} may take before it is killed: ample for a multi-gigabyte image on
   * a local engine.
   */
  public static final Duration SAVE_TIME_LIMIT = Duration.ofMinutes(10);

  private final String name;
  private final Path socket;
  private final Path scratchDirectory;
  private final Duration saveTimeLimit;
  private final @Nullable Path dockerCli;

  /** Reads {@code name} from the engine at {@link #DEFAULT_SOCKET}. */
  public DockerEngineSource(String name, Path scratchDirectory) {
    this(name, DEFAULT_SOCKET, scratchDirectory);
  }

  public DockerEngineSource(String name, Path socket, Path scratchDirectory) {
    this(name, socket, scratchDirectory, SAVE_TIME_LIMIT, null);
  }

  /**
   * @param dockerCli the docker CLI to run, or {@code null} to find it on the PATH
   */
  DockerEngineSource(
      String name,
      Path socket,
      Path scratchDirectory,
      Duration saveTimeLimit,
      @Nullable Path dockerCli) {
    this.name = new ImageReference.DockerEngine(name).name();
    ImageReferences.checkAbsolute(socket, "docker socket");
    ImageReferences.checkAbsolute(scratchDirectory, "scratch directory");
    this.socket = socket;
    this.scratchDirectory = scratchDirectory;
    this.saveTimeLimit = saveTimeLimit;
    this.dockerCli = dockerCli;
  }

  /**
   * Whether an engine socket exists at {@link #DEFAULT_SOCKET} and the docker CLI is on the PATH.
   */
  public static boolean isAvailable() {
    return Files.exists(DEFAULT_SOCKET) && dockerCli().isPresent();
  }

  @Override
  public Image read() throws IOException {
    if (!Files.exists(socket)) {
      throw new ImageSourceException(
          "docker:"
              + name
              + " needs a local Docker engine, but "
              + socket
              + " does not exist: start dockerd, or export the image elsewhere with docker save and"
              + " use docker-archive:<tar>");
    }
    Path docker =
        dockerCli != null
            ? dockerCli
            : dockerCli()
                .orElseThrow(
                    () ->
                        new ImageSourceException(
                            "docker:"
                                + name
                                + " needs the docker CLI to export the image, but no docker is on"
                                + " the PATH ("
                                + System.getenv("PATH")
                                + "): install it (apt-get install docker.io), or use"
                                + " docker-archive:<tar>"));
    Files.createDirectories(scratchDirectory);
    Path tar = Files.createTempFile(scratchDirectory, "docker-save-", ".tar");
    save(docker, tar);
    return new DockerArchiveReader(tar, "docker:" + name).read();
  }

  /**
   * Runs {@code docker save} under {@link ProbeCommand}'s time limit: stdin from /dev/null, killed
   * with its children when late.
   */
  private void save(Path docker, Path tar) throws IOException {
    ProbeResult result;
    try {
      result =
          ProbeCommand.of(
                  docker.toString(),
                  "--host",
                  "unix://" + socket,
                  "save",
                  "-o",
                  tar.toString(),
                  name)
              .run(saveTimeLimit);
    } catch (InterruptedException e) {
      Files.deleteIfExists(tar);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while docker save " + name + " ran");
    }
    if (result.succeeded()) {
      return;
    }
    Files.deleteIfExists(tar);
    String output = result.output().isEmpty() ? "" : ": " + result.output().replace('\n', ' ');
    if (result.failure().isPresent()) {
      throw new ImageSourceException(
          "docker save "
              + name
              + " "
              + result.failure().get()
              + output
              + ": check that the engine at "
              + socket
              + " answers (docker version), or export the image yourself with"
              + " docker save -o <tar> "
              + name
              + " and use docker-archive:<tar>");
    }
    throw new ImageSourceException(
        "docker save "
            + name
            + " failed with exit code "
            + result.exitCode().orElseThrow()
            + output
            + ": check that the engine at "
            + socket
            + " has the image (docker image ls "
            + name
            + ")");
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
