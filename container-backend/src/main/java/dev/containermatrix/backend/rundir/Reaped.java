package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One thing a reaper removed.
 *
 * @param kind what it was, as {@link Reaper#name()}: "run directory", "cgroup"
 * @param path where it was
 * @param why why it counted as left behind, e.g. "its owner pid 1234 is gone"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Reaped(String kind, Path path, String why) {

  public Reaped {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(why, "why");
  }
}
