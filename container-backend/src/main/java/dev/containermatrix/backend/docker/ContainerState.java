package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * A container's {@code State}, as {@code GET /containers/{id}/json} gives it.
 *
 * @param id the container's full id
 * @param status {@code created}, {@code running}, {@code exited}, …
 * @param running whether it runs
 * @param oomKilled whether the kernel's OOM killer killed a process of it
 * @param exitCode its main process's exit code (0 while it runs)
 * @param pid its main process's pid on the engine's host, empty unless it runs
 * @param error the engine's error starting it, {@code ""} if none
 */
@API(status = INTERNAL, since = "0.1")
public record ContainerState(
    String id,
    String status,
    boolean running,
    boolean oomKilled,
    int exitCode,
    OptionalLong pid,
    String error) {
  public ContainerState {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(pid, "pid must not be null");
    Objects.requireNonNull(error, "error must not be null");
  }
}
