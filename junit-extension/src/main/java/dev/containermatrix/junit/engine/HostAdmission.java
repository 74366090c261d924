package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.layers.AdmissionSlots;
import dev.containermatrix.engine.schedule.AdmissionLedger;
import dev.containermatrix.engine.schedule.Demand;
import dev.containermatrix.engine.schedule.HostCapacity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Decides when a variant may start on this host: as this run's {@link AdmissionLedger} allows (at
 * most {@code containermatrix.parallelism} at once, and by the CPU and memory limits of the
 * variants against the host's capacity, first come first served), and at most {@code parallelism}
 * of all runs on the host that use the same layer store. A variant first waits for the ledger, then
 * takes one of the store's admission slots (a file lock, shared with every JVM on the host:
 * Surefire forks, Failsafe, other builds). The ledger comes first because file locks belong to the
 * process: within one JVM only the ledger orders threads.
 *
 * <p>Every run counts {@code parallelism} slots and takes the lowest free one, so runs with the
 * default (the host's CPU count) share the same slots and never together exceed it; a run
 * configured higher may use the slots above the others' count. CPU and memory are counted per run:
 * concurrent runs on one host share only the slots. The slots are opened on first use: a store that
 * cannot hold them fails the variants that ask, naming the directory and what to do.
 */
final class HostAdmission {
  private final Path store;
  private final int parallelism;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AdmissionLedger ledger;
  private @Nullable AdmissionSlots slots;

  /** Admission by count only: for runs whose host capacity does not matter. */
  HostAdmission(Path store, int parallelism) {
    this(store, parallelism, new HostCapacity(Integer.MAX_VALUE / 1000, OptionalLong.empty()));
  }

  HostAdmission(Path store, int parallelism, HostCapacity capacity) {
    this.store = store;
    this.parallelism = parallelism;
    this.ledger = new AdmissionLedger(parallelism, capacity);
  }

  /** A variant without CPU or memory limits: {@code admit(Demand.NONE)}. */
  Admitted admit() throws InterruptedException {
    return admit(Demand.NONE);
  }

  /**
   * Waits until the ledger admits a variant with {@code demand}, then for a slot of the host; close
   * the result, in the same thread, when the variant's container has ended.
   *
   * @throws InterruptedException if interrupted while waiting; nothing is held then
   * @throws UncheckedIOException naming the store and what to do, if it cannot hold the slots
   */
  Admitted admit(Demand demand) throws InterruptedException {
    AdmissionLedger.Admission admission = waitForLedger(demand);
    try {
      return new Admitted(slots().acquire(), admission, this);
    } catch (IOException e) {
      finish(admission.ticket());
      throw new UncheckedIOException(
          e.getMessage()
              + "; containermatrix.store must name a directory you can write"
              + " (it names "
              + store
              + ")",
          e);
    } catch (InterruptedException | RuntimeException e) {
      finish(admission.ticket());
      throw e;
    }
  }

  private AdmissionLedger.Admission waitForLedger(Demand demand) throws InterruptedException {
    lock.lock();
    try {
      AdmissionLedger.Ticket ticket = ledger.enqueue(demand);
      try {
        Optional<AdmissionLedger.Admission> admission;
        while ((admission = ledger.tryStart(ticket)).isEmpty()) {
          changed.await();
        }
        changed.signalAll(); // the next in line may fit too
        return admission.get();
      } catch (InterruptedException | RuntimeException e) {
        ledger.withdraw(ticket);
        changed.signalAll();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void finish(AdmissionLedger.Ticket ticket) {
    lock.lock();
    try {
      ledger.finish(ticket);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private synchronized AdmissionSlots slots() throws IOException {
    if (slots == null) {
      slots = AdmissionSlots.open(store, parallelism);
    }
    return slots;
  }

  /** A place in the ledger and a slot, held while one variant's container runs. */
  static final class Admitted implements AutoCloseable {
    private final AdmissionSlots.Slot slot;
    private final AdmissionLedger.Admission admission;
    private final HostAdmission owner;

    private Admitted(
        AdmissionSlots.Slot slot, AdmissionLedger.Admission admission, HostAdmission owner) {
      this.slot = slot;
      this.admission = admission;
      this.owner = owner;
    }

    /** The host slot held, 0-based. */
    int slot() {
      return slot.index();
    }

    /** Why the variant runs alone, where its limits exceed the host's capacity for variants. */
    Optional<String> alone() {
      return admission.alone();
    }

    @Override
    public void close() {
      try {
        slot.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not free " + slot + ": " + e.getMessage(), e);
      } finally {
        owner.finish(admission.ticket());
      }
    }
  }
}
