package dev.containermatrix.backend;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.docker.DockerApi;
import dev.containermatrix.backend.docker.DockerHost;
import dev.containermatrix.backend.docker.DockerRuntime;
import dev.containermatrix.backend.nativeruntime.NativeHost;
import dev.containermatrix.backend.nativeruntime.NativeRuntime;
import dev.containermatrix.backend.nativeruntime.probe.HostCapabilities;
import dev.containermatrix.backend.nativeruntime.probe.HostProbe;
import dev.containermatrix.backend.process.ProcessRuntime;
import dev.containermatrix.backend.spi.ContainerException;
import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Picks the runtime for a value of {@value #KEY}: {@code auto} (the default), {@code native},
 * {@code docker} or {@code process}. {@code auto} chooses {@code native} wherever this host can run
 * it (Linux with util-linux, overlayfs and namespaces, as root or through user namespaces), else
 * {@code docker} where a Docker or Podman engine answers, and otherwise {@code process}, saying
 * what was missing.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerRuntimes {

  /** The configuration key that names the backend. */
  public static final String KEY = "containermatrix.backend";

  /** Its default value. */
  public static final String AUTO = "auto";

  /** Every value {@value #KEY} takes. */
  public static final List<String> NAMES = List.of(AUTO, "native", "docker", "process");

  private ContainerRuntimes() {}

  /**
   * The runtime {@code key} asks for, with the reason for the choice.
   *
   * @param key the value of {@value #KEY}
   * @throws ContainerException if that backend cannot run here, is not built yet, or {@code key}
   *     names no backend
   */
  public static RuntimeSelection select(String key) throws ContainerException {
    return select(key, DockerHost.DEFAULT, "run");
  }

  /**
   * The runtime {@code key} asks for, with the reason for the choice.
   *
   * @param key the value of {@value #KEY}
   * @param dockerHost the engine the docker backend talks to
   * @param runId labels what the docker backend creates, so the reaper can tell whose it is
   * @throws ContainerException if that backend cannot run here, or {@code key} names no backend
   */
  public static RuntimeSelection select(String key, DockerHost dockerHost, String runId)
      throws ContainerException {
    return switch (key) {
      case AUTO -> auto(dockerHost, runId);
      case "process" ->
          new RuntimeSelection(
              new ProcessRuntime(), KEY + "=process asked for the process backend");
      case "native" -> {
        HostCapabilities host = probe();
        if (!host.canRunNative()) {
          throw new ContainerException(
              KEY
                  + "=native cannot run on this host: "
                  + String.join("; ", host.missing())
                  + "; use "
                  + KEY
                  + "=auto or process");
        }
        yield new RuntimeSelection(
            nativeRuntime(host),
            KEY
                + "=native asked for the native backend"
                + (host.rootless() ? " (rootless, through user namespaces)" : " (as root)"));
      }
      case "docker" -> {
        try {
          DockerRuntime docker = docker(dockerHost, runId);
          yield new RuntimeSelection(
              docker,
              KEY
                  + "=docker asked for the docker backend, engine at "
                  + dockerHost
                  + " ("
                  + docker.filesDecision()
                  + ")");
        } catch (IOException e) {
          throw new ContainerException(
              KEY
                  + "=docker cannot reach a Docker engine at "
                  + dockerHost
                  + ": "
                  + e.getMessage()
                  + "; start one (dockerd, or podman system service), point "
                  + DockerHost.CONFIGURATION_KEY
                  + " or DOCKER_HOST at its socket, or use "
                  + KEY
                  + "=auto",
              e);
        }
      }
      default ->
          throw new ContainerException(
              KEY + "=" + key + " names no backend: use one of " + String.join(", ", NAMES));
    };
  }

  private static RuntimeSelection auto(DockerHost dockerHost, String runId)
      throws ContainerException {
    List<String> missing;
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      missing = List.of("it needs Linux, this is " + System.getProperty("os.name"));
    } else {
      HostCapabilities host = probe();
      if (host.canRunNative()) {
        return new RuntimeSelection(
            nativeRuntime(host),
            "auto chose native: this host can run Linux namespaces"
                + (host.rootless() ? " as an unprivileged user (rootless)" : " as root"));
      }
      missing = host.missing();
    }
    try {
      DockerRuntime docker = docker(dockerHost, runId);
      return new RuntimeSelection(
          docker,
          "auto chose docker, engine at "
              + dockerHost
              + " ("
              + docker.filesDecision()
              + "): the native backend cannot run here: "
              + String.join("; ", missing));
    } catch (IOException e) {
      return new RuntimeSelection(
          new ProcessRuntime(),
          "auto chose process, without isolation: the native backend cannot run here: "
              + String.join("; ", missing)
              + "; and no Docker engine answers at "
              + dockerHost
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  /** The docker backend on the engine at {@code host}; asks the engine once. */
  private static DockerRuntime docker(DockerHost host, String runId) throws IOException {
    return DockerRuntime.on(DockerApi.connect(host), runId, host.files());
  }

  private static NativeRuntime nativeRuntime(HostCapabilities host) {
    return new NativeRuntime(
        new NativeHost(host.rootless(), host.ipCommand().isPresent(), host.missing()));
  }

  private static HostCapabilities probe() throws ContainerException {
    try {
      return HostProbe.capabilities();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerException("probing this host for the native backend was interrupted");
    }
  }
}
