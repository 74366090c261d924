package dev.containermatrix.backend.docker;

import java.util.Objects;

/**
 * What {@code GET /info} says of the engine's host.
 *
 * @param name the host name of the machine (or VM) the engine runs on
 * @param operatingSystem its operating system, e.g. {@code Debian GNU/Linux 12 (bookworm)} or
 *     {@code Docker Desktop}
 */
record EngineInfo(String name, String operatingSystem) {
  EngineInfo {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(operatingSystem, "operatingSystem must not be null");
  }
}
