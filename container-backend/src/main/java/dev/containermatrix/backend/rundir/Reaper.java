package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Removes what dead host JVMs left behind, one {@link ReapableKind} after another. Run it before a
 * run starts; it never touches what a live process owns.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Reaper {

  private final List<ReapableKind> kinds;

  /**
   * A reaper of {@code kinds}, run in that order (so mounts can go before the directories they are
   * in).
   */
  public Reaper(List<ReapableKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** Removes stale run directories under {@code tmpRoot}, reading owners from {@code /proc}. */
  public static List<Reaped> reap(Path tmpRoot) throws IOException {
    return new Reaper(List.of(new StaleRunDirectories(tmpRoot, ProcessIdentity.PROC))).reapAll();
  }

  /**
   * Runs every kind, even after one fails.
   *
   * @return everything removed, in kind order
   * @throws IOException the first kind's failure, with later ones suppressed
   */
  public List<Reaped> reapAll() throws IOException {
    List<Reaped> reaped = new ArrayList<>();
    IOException failure = null;
    for (ReapableKind kind : kinds) {
      try {
        reaped.addAll(kind.reap());
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return List.copyOf(reaped);
  }
}
