package dev.containermatrix.engine.schedule;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Sizes;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which waiting variant of a run may start on this host, and when: the policy of admission, with no
 * threads or waiting of its own (junit-extension's {@code HostAdmission} blocks on it).
 *
 * <p>Variants are admitted first come, first served: only the longest-waiting variant may start, so
 * a large variant is never overtaken forever by small ones. It starts when fewer than {@code
 * parallelism} variants run and its limits fit beside theirs: the CPU limits of the running
 * variants and its own add up to at most the host's CPUs (no oversubscription: a variant limited to
 * 2 CPUs gets them, so its timings and timeouts mean what they say), and their memory limits to at
 * most the {@link HostCapacity#memoryBytes() memory the host has for variants}. A variant without
 * limits takes only its place in the count. A variant larger than the whole capacity starts once no
 * other variant of the run is running, and runs alone ({@link Admission#alone()} says why).
 *
 * <p>Not thread-safe: the caller holds one lock around every call.
 */
@API(status = INTERNAL, since = "0.1")
public final class AdmissionLedger {
  private final int parallelism;
  private final HostCapacity capacity;
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private final Set<Ticket> running = new HashSet<>();
  private long nextNumber;
  private long milliCpusInUse;
  private long memoryInUse;

  /**
   * @param parallelism most variants at once ({@code containermatrix.parallelism}); positive
   * @param capacity what the host offers the run's variants
   */
  public AdmissionLedger(int parallelism, HostCapacity capacity) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "containermatrix.parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    this.capacity = java.util.Objects.requireNonNull(capacity, "capacity");
  }

  /** A variant's place in the queue, from {@link #enqueue}. */
  public static final class Ticket {
    private final long number;
    private final Demand demand;

    private Ticket(long number, Demand demand) {
      this.number = number;
      this.demand = demand;
    }

    public Demand demand() {
      return demand;
    }

    @Override
    public String toString() {
      return "ticket " + number + " " + demand;
    }
  }

  /**
   * A variant that may start.
   *
   * @param ticket its ticket, to {@link #finish} when it has ended
   * @param alone why it runs alone, where it is larger than the host's capacity for variants; empty
   *     when it fits beside others
   */
  public record Admission(Ticket ticket, Optional<String> alone) {
    public Admission {
      java.util.Objects.requireNonNull(ticket, "ticket");
      java.util.Objects.requireNonNull(alone, "alone");
    }
  }

  /** Puts a variant with {@code demand} at the end of the queue. */
  public Ticket enqueue(Demand demand) {
    Ticket ticket = new Ticket(nextNumber++, java.util.Objects.requireNonNull(demand, "demand"));
    waiting.addLast(ticket);
    return ticket;
  }

  /**
   * Starts {@code ticket}'s variant if it is first in the queue and fits now (see the class
   * comment); its demand then counts until {@link #finish}. Empty if it must wait.
   *
   * @throws IllegalArgumentException if the ticket is not waiting
   */
  public Optional<Admission> tryStart(Ticket ticket) {
    if (!waiting.contains(ticket)) {
      throw new IllegalArgumentException(ticket + " is not waiting to start");
    }
    if (waiting.peekFirst() != ticket || running.size() >= parallelism) {
      return Optional.empty();
    }
    Optional<String> tooLarge = tooLarge(ticket.demand());
    boolean fits =
        tooLarge.isPresent()
            ? running.isEmpty()
            : milliCpusInUse + ticket.demand().milliCpus() <= capacity.cpus() * 1000L
                && (capacity.memoryBytes().isEmpty()
                    || memoryInUse + ticket.demand().memoryBytes()
                        <= capacity.memoryBytes().getAsLong());
    if (!fits) {
      return Optional.empty();
    }
    waiting.removeFirst();
    running.add(ticket);
    milliCpusInUse += ticket.demand().milliCpus();
    memoryInUse += ticket.demand().memoryBytes();
    return Optional.of(new Admission(ticket, tooLarge));
  }

  /** Ends a started variant: its demand no longer counts. Does nothing for one not running. */
  public void finish(Ticket ticket) {
    if (running.remove(ticket)) {
      milliCpusInUse -= ticket.demand().milliCpus();
      memoryInUse -= ticket.demand().memoryBytes();
    }
  }

  /** Takes a variant that gave up waiting out of the queue. Does nothing for one not waiting. */
  public void withdraw(Ticket ticket) {
    waiting.remove(ticket);
  }

  /** How many variants run now. */
  public int running() {
    return running.size();
  }

  /**
   * Why a variant with {@code demand} can never fit beside another: its limits alone exceed the
   * host's capacity for variants. Empty if they do not.
   */
  public Optional<String> tooLarge(Demand demand) {
    boolean cpus = demand.milliCpus() > capacity.cpus() * 1000L;
    boolean memory =
        capacity.memoryBytes().isPresent()
            && demand.memoryBytes() > capacity.memoryBytes().getAsLong();
    if (!cpus && !memory) {
      return Optional.empty();
    }
    String what =
        (cpus ? "cpus=" + demand.milliCpus() / 1000.0 : "")
            + (cpus && memory ? " and " : "")
            + (memory ? "memory=" + Sizes.formatBytes(demand.memoryBytes()) : "");
    return Optional.of(
        "ran alone: its limits ("
            + what
            + ") are more than this host has for variants ("
            + capacity.describe()
            + ")");
  }
}
