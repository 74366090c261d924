package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionSlotsTest {

  @TempDir Path temp;

  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopOtherThread() throws InterruptedException {
    other.shutdownNow();
    other.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void openingMakesOneEmptyFileASlotInTheStoresAdmissionDirectoryAndTakesNone() throws Exception {
    AdmissionSlots slots = AdmissionSlots.open(temp.resolve("store"), 3);

    assertThat(slots.directory())
        .isEqualTo(temp.resolve("store").toRealPath().resolve("admission"));
    assertThat(slots.directory().resolve("slot-0")).isEmptyFile();
    assertThat(slots.directory().resolve("slot-2")).isEmptyFile();
    assertThat(slots.directory().resolve("slot-3")).doesNotExist();
    try (AdmissionSlots.Slot slot = slots.tryAcquire().orElseThrow()) {
      assertThat(slot.index()).isZero();
    }
  }

  @Test
  void slotsAreTakenLowestFirstAndTwoThreadsOfOneJvmNeverShareOne() throws Exception {
    AdmissionSlots slots = AdmissionSlots.open(temp.resolve("store"), 2);
    try (AdmissionSlots.Slot first = slots.acquire();
        HeldElsewhere second = heldByTheOtherThread(slots)) {
      assertThat(first.index()).isZero();
      assertThat(second.index()).isEqualTo(1);
      assertThat(slots.tryAcquire()).as("both slots are held").isEmpty();
    }
    AdmissionSlots again = AdmissionSlots.open(temp.resolve("store"), 2);
    try (AdmissionSlots.Slot slot = again.acquire()) {
      assertThat(slot.index()).as("freed slots are free for the next opening").isZero();
    }
  }

  @Test
  void aRunCountingMoreSlotsUsesTheOnesAboveTheOthersCount() throws Exception {
    AdmissionSlots two = AdmissionSlots.open(temp.resolve("store"), 2);
    AdmissionSlots three = AdmissionSlots.open(temp.resolve("store"), 3);
    try (AdmissionSlots.Slot a = two.acquire();
        HeldElsewhere b = heldByTheOtherThread(two)) {
      assertThat(two.tryAcquire()).isEmpty();
      try (AdmissionSlots.Slot c = three.tryAcquire().orElseThrow()) {
        assertThat(c.index()).isEqualTo(2);
      }
    }
  }

  @Test
  void aSlotFileDeletedWhileTheStoreIsOpenIsMadeAgain() throws Exception {
    AdmissionSlots slots = AdmissionSlots.open(temp.resolve("store"), 1);
    Files.delete(slots.directory().resolve("slot-0"));
    Files.delete(slots.directory());

    try (AdmissionSlots.Slot slot = slots.acquire()) {
      assertThat(slot.file()).isEqualTo(slots.directory().resolve("slot-0")).exists();
    }
  }

  @Test
  void aStoreRootThatIsAFileIsRefusedNamingItAndWhatToDo() throws Exception {
    Path store = Files.createFile(temp.resolve("store"));

    assertThatThrownBy(() -> AdmissionSlots.open(store, 2))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Could not prepare the host's admission slots in "
                + store.resolve("admission")
                + ": "
                + store
                + " exists but is not a directory; move it away or name another directory");
  }

  @Test
  void refusesAnAdmissionWithoutSlots() {
    assertThatThrownBy(() -> AdmissionSlots.open(temp.resolve("store"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an admission needs at least one slot, not 0");
  }

  /** A slot the other thread takes and holds until this is closed. */
  private HeldElsewhere heldByTheOtherThread(AdmissionSlots slots) throws Exception {
    CompletableFuture<Void> free = new CompletableFuture<>();
    CompletableFuture<Integer> taken = new CompletableFuture<>();
    other.submit(
        () -> {
          try (AdmissionSlots.Slot slot = slots.acquire()) {
            taken.complete(slot.index());
            free.get();
          }
          return null;
        });
    return new HeldElsewhere(taken.get(30, TimeUnit.SECONDS), free);
  }

  private record HeldElsewhere(int index, CompletableFuture<Void> free) implements AutoCloseable {
    @Override
    public void close() {
      free.complete(null);
    }
  }
}
