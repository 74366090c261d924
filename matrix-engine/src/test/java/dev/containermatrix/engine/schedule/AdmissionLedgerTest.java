package dev.containermatrix.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdmissionLedgerTest {
  private static final long GIB = 1L << 30;

  /** An 8 GiB, 8-CPU host whose host JVM may grow to 1 GiB: 6.5 GiB for variants. */
  private static final HostCapacity EIGHT_GIB =
      HostCapacity.forVariants(8, OptionalLong.of(8 * GIB), GIB);

  private static Demand memory(long bytes) {
    return Demand.of(ResourceLimits.none().withMemoryBytes(bytes));
  }

  @Test
  void theHostKeepsItsJvmsHeapAndASystemReserveForItself() {
    assertThat(EIGHT_GIB.memoryBytes()).hasValue(8 * GIB - GIB - (512L << 20));
    assertThat(HostCapacity.forVariants(2, OptionalLong.of(GIB), 2 * GIB).memoryBytes())
        .hasValue(0);
    assertThat(HostCapacity.forVariants(2, OptionalLong.empty(), GIB).memoryBytes()).isEmpty();
  }

  @Test
  void aFourGibVariantDoesNotStartNextToThreeOthersOnAnEightGibHost() {
    AdmissionLedger ledger = new AdmissionLedger(4, EIGHT_GIB);
    for (int i = 0; i < 3; i++) {
      assertThat(ledger.tryStart(ledger.enqueue(memory(GIB)))).isPresent();
    }

    AdmissionLedger.Ticket big = ledger.enqueue(memory(4 * GIB));

    assertThat(ledger.tryStart(big)).isEmpty();
    assertThat(ledger.running()).isEqualTo(3);
  }

  @Test
  void theBigVariantStartsOnceEnoughMemoryIsFreeAndNoSmallerOneOvertakesIt() {
    AdmissionLedger ledger = new AdmissionLedger(4, EIGHT_GIB);
    AdmissionLedger.Ticket first = ledger.enqueue(memory(2 * GIB));
    AdmissionLedger.Ticket second = ledger.enqueue(memory(2 * GIB));
    ledger.tryStart(first).orElseThrow();
    ledger.tryStart(second).orElseThrow();
    AdmissionLedger.Ticket big = ledger.enqueue(memory(4 * GIB));
    AdmissionLedger.Ticket small = ledger.enqueue(memory(GIB));

    assertThat(ledger.tryStart(big)).isEmpty();
    assertThat(ledger.tryStart(small)).as("a later, smaller variant waits its turn").isEmpty();

    ledger.finish(first);

    assertThat(ledger.tryStart(big)).hasValueSatisfying(a -> assertThat(a.alone()).isEmpty());
    assertThat(ledger.tryStart(small)).isEmpty(); // 2 + 4 + 1 GiB > 6.5 GiB
    ledger.finish(second);
    assertThat(ledger.tryStart(small)).isPresent();
  }

  @Test
  void cpuLimitsAddUpToAtMostTheHostsCpus() {
    AdmissionLedger ledger =
        new AdmissionLedger(8, HostCapacity.forVariants(2, OptionalLong.empty(), 0));
    AdmissionLedger.Ticket one = ledger.enqueue(Demand.of(ResourceLimits.none().withCpus(1.5)));
    AdmissionLedger.Ticket two = ledger.enqueue(Demand.of(ResourceLimits.none().withCpus(0.5)));
    AdmissionLedger.Ticket three = ledger.enqueue(Demand.of(ResourceLimits.none().withCpus(0.1)));

    assertThat(ledger.tryStart(one)).isPresent();
    assertThat(ledger.tryStart(two)).isPresent();
    assertThat(ledger.tryStart(three)).isEmpty();
  }

  @Test
  void variantsWithoutLimitsCountOnlyAgainstTheParallelism() {
    AdmissionLedger ledger = new AdmissionLedger(2, EIGHT_GIB);
    assertThat(ledger.tryStart(ledger.enqueue(Demand.NONE))).isPresent();
    assertThat(ledger.tryStart(ledger.enqueue(Demand.NONE))).isPresent();

    assertThat(ledger.tryStart(ledger.enqueue(Demand.NONE))).isEmpty();
  }

  @Test
  void aVariantLargerThanTheHostWaitsForTheOthersThenRunsAloneAndSaysWhy() {
    AdmissionLedger ledger = new AdmissionLedger(4, EIGHT_GIB);
    AdmissionLedger.Ticket small = ledger.enqueue(Demand.NONE);
    ledger.tryStart(small).orElseThrow();
    AdmissionLedger.Ticket huge = ledger.enqueue(memory(12 * GIB));
    assertThat(ledger.tryStart(huge)).isEmpty();

    ledger.finish(small);
    AdmissionLedger.Admission admission = ledger.tryStart(huge).orElseThrow();

    assertThat(admission.alone())
        .hasValue(
            "ran alone: its limits (memory=12 GiB) are more than this host has for variants (8"
                + " CPUs, 6.5 GiB)");
    assertThat(ledger.tryStart(ledger.enqueue(Demand.NONE)))
        .as("nothing starts beside it")
        .isEmpty();
  }

  @Test
  void aWithdrawnVariantNoLongerHoldsUpTheQueue() {
    AdmissionLedger ledger = new AdmissionLedger(1, EIGHT_GIB);
    AdmissionLedger.Ticket running = ledger.enqueue(Demand.NONE);
    ledger.tryStart(running).orElseThrow();
    AdmissionLedger.Ticket gaveUp = ledger.enqueue(Demand.NONE);
    AdmissionLedger.Ticket next = ledger.enqueue(Demand.NONE);

    ledger.withdraw(gaveUp);
    ledger.finish(running);

    assertThat(ledger.tryStart(next)).isPresent();
    assertThatThrownBy(() -> ledger.tryStart(gaveUp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not waiting to start");
  }

  @Test
  void refusesAParallelismBelowOne() {
    assertThatThrownBy(() -> new AdmissionLedger(0, EIGHT_GIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("containermatrix.parallelism must be at least 1, was 0");
  }
}
