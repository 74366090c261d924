package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.layers.AdmissionSlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Decides when a variant may start on this host: at most {@code containermatrix.parallelism} of
 * this run at once, and at most that many of all runs on the host that use the same layer store. A
 * variant first takes a permit of this run (a fair semaphore), then one of the store's admission
 * slots (a file lock, shared with every JVM on the host: Surefire forks, Failsafe, other builds).
 * The permit comes first because file locks belong to the process: within one JVM only the
 * semaphore orders threads.
 *
 * <p>Every run counts {@code parallelism} slots and takes the lowest free one, so runs with the
 * default (the host's CPU count) share the same slots and never together exceed it; a run
 * configured higher may use the slots above the others' count. The slots are opened on first use: a
 * store that cannot hold them fails the variants that ask, naming the directory and what to do.
 */
final class HostAdmission {
  private final Path store;
  private final int parallelism;
  private final Semaphore permits;
  private @Nullable AdmissionSlots slots;

  HostAdmission(Path store, int parallelism) {
    this.store = store;
    this.parallelism = parallelism;
    this.permits = new Semaphore(parallelism, true);
  }

  /**
   * Waits for a permit of this run, then for a slot of the host; close the result, in the same
   * thread, when the variant's container has ended.
   *
   * @throws InterruptedException if interrupted while waiting; nothing is held then
   * @throws UncheckedIOException naming the store and what to do, if it cannot hold the slots
   */
  Admitted admit() throws InterruptedException {
    permits.acquire();
    try {
      return new Admitted(slots().acquire(), permits);
    } catch (IOException e) {
      permits.release();
      throw new UncheckedIOException(
          e.getMessage()
              + "; containermatrix.store must name a directory you can write"
              + " (it names "
              + store
              + ")",
          e);
    } catch (InterruptedException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private synchronized AdmissionSlots slots() throws IOException {
    if (slots == null) {
      slots = AdmissionSlots.open(store, parallelism);
    }
    return slots;
  }

  /** A permit and a slot, held while one variant's container runs. */
  static final class Admitted implements AutoCloseable {
    private final AdmissionSlots.Slot slot;
    private final Semaphore permits;

    private Admitted(AdmissionSlots.Slot slot, Semaphore permits) {
      this.slot = slot;
      this.permits = permits;
    }

    /** The host slot held, 0-based. */
    int slot() {
      return slot.index();
    }

    @Override
    public void close() {
      try {
        slot.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not free " + slot + ": " + e.getMessage(), e);
      } finally {
        permits.release();
      }
    }
  }
}
