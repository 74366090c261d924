package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Removes one kind of thing dead host JVMs left behind (run directories, cgroups), keeping what a
 * live process owns. Run it before a run starts. To reap is to remove what dead runs left; undoing
 * a live container's setup is its teardown, and bounding the store or archive is retention.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Reaper {

  /** What it removes, e.g. "run directory"; the {@link Reaped#kind()} of what it reports. */
  String name();

  /**
   * Removes every instance whose owner process is gone, keeping those of live owners.
   *
   * @return what it removed; never {@code null}
   * @throws IOException if something left behind could not be removed; the message names it
   */
  List<Reaped> reap() throws IOException;

  /**
   * A reaper that runs {@code reapers} in that order (so cgroups can go before the run directories
   * whose owner markers judge them), each even after an earlier one failed. Its {@link #reap()}
   * returns everything removed, in that order, and throws the first failure with later ones
   * suppressed.
   */
  static Reaper inOrder(List<Reaper> reapers) {
    List<Reaper> all = List.copyOf(reapers);
    return new Reaper() {
      @Override
      public String name() {
        return String.join(", ", all.stream().map(Reaper::name).toList());
      }

      @Override
      public List<Reaped> reap() throws IOException {
        List<Reaped> reaped = new ArrayList<>();
        CleanupFailures failures = new CleanupFailures();
        for (Reaper reaper : all) {
          try {
            reaped.addAll(reaper.reap());
          } catch (IOException e) {
            failures.add(e);
          }
        }
        failures.throwIfAny();
        return List.copyOf(reaped);
      }
    };
  }
}
