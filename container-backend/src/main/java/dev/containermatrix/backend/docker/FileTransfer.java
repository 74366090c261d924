package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How a container of the docker backend gets the host's files (config files, the JVM's argument
 * file, the working directory) and how its agent's events reach the host: the value of {@value
 * #CONFIGURATION_KEY}.
 */
@API(status = INTERNAL, since = "0.1")
public enum FileTransfer {
  /** {@link #BIND} where the engine runs on this host, else {@link #COPY}. */
  AUTO,
  /**
   * Bind mounts from this host, read-only, and the channel's Unix socket bound in: the engine must
   * see this host's file system (Docker Engine or Podman on this Linux host).
   */
  BIND,
  /**
   * Everything goes in as image layers (the working directory too), the JVM's arguments in its
   * environment, and the events over the container's attached stdout: for an engine in a VM (Docker
   * Desktop, Colima, a Podman machine) or on another machine behind a forwarded socket.
   */
  COPY;

  /** The configuration parameter. */
  public static final String CONFIGURATION_KEY = "containermatrix.docker.files";

  /**
   * The mode {@code value} names ({@code auto}, {@code bind}, {@code copy}; any case), or {@link
   * #AUTO} for null or blank.
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static FileTransfer parse(@org.jspecify.annotations.Nullable String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "bind" -> BIND;
      case "copy" -> COPY;
      default ->
          throw new IllegalArgumentException(
              CONFIGURATION_KEY
                  + " is \""
                  + value
                  + "\": use auto, bind (the engine runs on this host) or copy (the engine runs in"
                  + " a VM or elsewhere)");
    };
  }

  /** The mode chosen for one engine, and why. */
  record Decision(FileTransfer mode, String reason) {
    Decision {
      if (mode == AUTO) {
        throw new IllegalArgumentException("a decision is bind or copy, not auto");
      }
    }
  }

  /**
   * Decides {@link #AUTO} for an engine that says {@code engine} of its host, from this host's name
   * and operating system; {@link #BIND} and {@link #COPY} stand as they are.
   */
  Decision decide(EngineInfo engine, String localHostname, String localOs) {
    return switch (this) {
      case BIND -> new Decision(BIND, CONFIGURATION_KEY + "=bind");
      case COPY -> new Decision(COPY, CONFIGURATION_KEY + "=copy");
      case AUTO -> {
        if (!localOs.startsWith("Linux")) {
          yield new Decision(
              COPY, "files copied: the engine runs in a VM, this host runs " + localOs);
        }
        if (engine.operatingSystem().contains("Docker Desktop")) {
          yield new Decision(COPY, "files copied: the engine is Docker Desktop's, in a VM");
        }
        if (!engine.name().equals(localHostname)) {
          yield new Decision(
              COPY,
              "files copied: the engine runs on \""
                  + engine.name()
                  + "\", not on this host (\""
                  + localHostname
                  + "\")");
        }
        yield new Decision(BIND, "files bound: the engine runs on this host");
      }
    };
  }
}
