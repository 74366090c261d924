package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAdmissionTest {

  @TempDir Path temp;

  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopOtherThread() throws InterruptedException {
    other.shutdownNow();
    other.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void twoRunsOfOneParallelismShareTheHostsSlotsSoTheSecondWaitsForTheFirst() throws Exception {
    Path store = temp.resolve("store");
    HostAdmission first = new HostAdmission(store, 1);
    HostAdmission second = new HostAdmission(store, 1);
    AtomicReference<Thread> waiter = new AtomicReference<>();
    CompletableFuture<Void> done = new CompletableFuture<>();

    Future<Integer> admitted;
    try (HostAdmission.Admitted held = first.admit()) {
      assertThat(held.slot()).isZero();
      admitted =
          other.submit(
              () -> {
                waiter.set(Thread.currentThread());
                try (HostAdmission.Admitted mine = second.admit()) {
                  done.get();
                  return mine.slot();
                }
              });
      // sleeping between looks at the slot files: it found the host's only slot held
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);
      assertThat(admitted).isNotDone();
    }
    done.complete(null);

    assertThat(admitted.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aVariantWhoseMemoryDoesNotFitBesideTheRunningOneWaitsUntilItEnds() throws Exception {
    long gib = 1L << 30;
    HostAdmission admission =
        new HostAdmission(
            temp.resolve("store"),
            4,
            new dev.containermatrix.engine.schedule.HostCapacity(
                4, java.util.OptionalLong.of(3 * gib)));
    dev.containermatrix.engine.schedule.Demand twoGib =
        dev.containermatrix.engine.schedule.Demand.of(
            dev.containermatrix.backend.spi.ResourceLimits.none().withMemoryBytes(2 * gib));
    AtomicReference<Thread> waiter = new AtomicReference<>();
    CompletableFuture<Void> done = new CompletableFuture<>();

    Future<Integer> admitted;
    try (HostAdmission.Admitted held = admission.admit(twoGib)) {
      assertThat(held.alone()).isEmpty();
      admitted =
          other.submit(
              () -> {
                waiter.set(Thread.currentThread());
                try (HostAdmission.Admitted mine = admission.admit(twoGib)) {
                  done.get();
                  return mine.slot();
                }
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.WAITING);
      assertThat(admitted).isNotDone();
    }
    done.complete(null);

    assertThat(admitted.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aVariantLargerThanTheHostIsAdmittedAloneAndSaysWhy() throws Exception {
    HostAdmission admission =
        new HostAdmission(
            temp.resolve("store"),
            2,
            new dev.containermatrix.engine.schedule.HostCapacity(
                2, java.util.OptionalLong.empty()));

    try (HostAdmission.Admitted held =
        admission.admit(
            dev.containermatrix.engine.schedule.Demand.of(
                dev.containermatrix.backend.spi.ResourceLimits.none().withCpus(4)))) {
      assertThat(held.alone())
          .hasValue(
              "ran alone: its limits (cpus=4.0) are more than this host has for variants (2"
                  + " CPUs)");
    }
  }

  @Test
  void aStoreThatIsAFileFailsAdmissionNamingItAndWhatToDo() throws Exception {
    Path store = Files.createFile(temp.resolve("store"));
    HostAdmission admission = new HostAdmission(store, 2);

    assertThatThrownBy(admission::admit)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "Could not prepare the host's admission slots in "
                + store.resolve("admission")
                + ": "
                + store
                + " exists but is not a directory; move it away or name another directory;"
                + " containermatrix.store must name a directory you can write (it names "
                + store
                + ")");
    // the permit was given back: a fixed store admits
    Files.delete(store);
    Future<Integer> both =
        other.submit(
            () -> {
              try (HostAdmission.Admitted admitted = admission.admit();
                  HostAdmission.Admitted second = admission.admit()) {
                return second.slot();
              }
            });
    assertThat(both.get(30, TimeUnit.SECONDS)).isEqualTo(1);
  }
}
