package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One kind of thing a dead host JVM can leave behind (run directories; later mounts and cgroups),
 * with the way to find and remove what no live owner holds any more.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ReapableKind {

  /** What it removes, e.g. "run directory". */
  String name();

  /**
   * Removes every instance whose owner process is gone, keeping those of live owners.
   *
   * @return what it removed; never {@code null}
   * @throws IOException if something left behind could not be removed; the message names it
   */
  List<Reaped> reap() throws IOException;
}
