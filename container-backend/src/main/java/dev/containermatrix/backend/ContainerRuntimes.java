package dev.containermatrix.backend;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.process.ProcessRuntime;
import dev.containermatrix.backend.spi.ContainerException;
import org.apiguardian.api.API;

/**
 * Picks the runtime for a value of {@value #KEY}: {@code auto} (the default), {@code native},
 * {@code docker} or {@code process}. This build has only the process backend, so {@code auto}
 * chooses it, and {@code native} and {@code docker} are refused.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerRuntimes {

  /** The configuration key that names the backend. */
  public static final String KEY = "containermatrix.backend";
  /** Its default value. */
  public static final String AUTO = "auto";

  private ContainerRuntimes() {}

  /**
   * The runtime {@code key} asks for, with the reason for the choice.
   *
   * @param key the value of {@value #KEY}
   * @throws ContainerException if that backend is not built yet or {@code key} names no backend
   */
  public static RuntimeSelection select(String key) throws ContainerException {
    return switch (key) {
      case AUTO -> new RuntimeSelection(new ProcessRuntime(), "auto chose process: no native runtime in this build");
      case "process" -> new RuntimeSelection(new ProcessRuntime(), KEY + "=process asked for the process backend");
      case "native", "docker" -> throw new ContainerException(
          KEY + "=" + key + " is not built yet: use " + KEY + "=process or " + KEY + "=auto");
      default -> throw new ContainerException(
          KEY + "=" + key + " names no backend: use one of auto, native, docker, process");
    };
  }
}
