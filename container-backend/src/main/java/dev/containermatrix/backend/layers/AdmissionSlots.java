package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostfs.PrivateDirectory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Host-wide admission slots: {@code count} empty files {@code admission/slot-0 … slot-<count-1>} in
 * a layer store's root, each held by an exclusive file lock for as long as one container runs.
 * Every JVM on the host that opens the same store with the same count shares the slots, so together
 * they hold at most {@code count} at once; a JVM that counts more slots may use the ones above the
 * others' count. Slots are taken lowest first.
 *
 * <p>This is mechanism only: how many slots a run asks for is the caller's policy. The locks are
 * {@link StoreLock}s (a file lock plus an in-JVM lock), so two threads of one JVM never hold the
 * same slot either; a slot is closed by the thread that acquired it. The kernel releases a file
 * lock when its process dies, so a killed JVM holds no slot. Slot files are a few bytes of
 * metadata, never deleted; one that was deleted anyway is made again.
 */
@API(status = INTERNAL, since = "0.1")
public final class AdmissionSlots {

  /** The first pause between two looks at the slot files while all are held. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(5);

  /** The longest pause: the pause doubles up to this. */
  static final Duration LONGEST_PAUSE = Duration.ofMillis(250);

  private final StoreLayout layout;
  private final int count;

  private AdmissionSlots(StoreLayout layout, int count) {
    this.layout = layout;
    this.count = count;
  }

  /**
   * Opens {@code count} slots in the store at {@code storeRoot}, creating the root (private, as
   * {@link LayerStore#open} makes it), {@code admission/} and the slot files where missing. Opening
   * takes no slot.
   *
   * @throws IOException naming the directory and why it cannot hold the slots
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public static AdmissionSlots open(Path storeRoot, int count) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("an admission needs at least one slot, not " + count);
    }
    Path admission = storeRoot.resolve("admission");
    try {
      PrivateDirectory.ensure(storeRoot);
      StoreLayout layout = new StoreLayout(storeRoot.toRealPath());
      admission = layout.admissionDirectory();
      AdmissionSlots slots = new AdmissionSlots(layout, count);
      slots.createSlotFiles();
      return slots;
    } catch (IOException e) {
      throw new IOException(
          "Could not prepare the host's admission slots in " + admission + ": " + reason(e), e);
    }
  }

  /** How many slots this opening counts. */
  public int count() {
    return count;
  }

  /** The directory that holds the slot files. */
  public Path directory() {
    return layout.admissionDirectory();
  }

  /**
   * Waits until a slot is free and takes it. While every slot is held it looks again after a pause
   * that starts at 5 ms and doubles up to 250 ms; it never spins.
   *
   * @throws InterruptedException if the thread is interrupted while waiting; no slot is held then
   */
  public Slot acquire() throws IOException, InterruptedException {
    long pause = FIRST_PAUSE.toMillis();
    while (true) {
      Optional<Slot> slot = tryAcquire();
      if (slot.isPresent()) {
        return slot.get();
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
    }
  }

  /**
   * Takes the lowest free slot if one is free now; empty if every slot is held by a thread or
   * process.
   *
   * @throws IOException naming the slot file that cannot be made or locked, and why
   */
  public Optional<Slot> tryAcquire() throws IOException {
    for (int i = 0; i < count; i++) {
      Path file = layout.slotFile(i);
      try {
        Optional<StoreLock> lock = StoreLock.tryAcquire(file);
        if (lock.isEmpty() && Files.notExists(file)) {
          createSlotFiles();
          lock = StoreLock.tryAcquire(file);
        }
        if (lock.isPresent()) {
          return Optional.of(new Slot(i, file, lock.get()));
        }
      } catch (IOException e) {
        throw new IOException(
            "Could not lock the host's admission slot " + file + ": " + reason(e), e);
      }
    }
    return Optional.empty();
  }

  private void createSlotFiles() throws IOException {
    Files.createDirectories(layout.admissionDirectory());
    for (int i = 0; i < count; i++) {
      try {
        Files.createFile(layout.slotFile(i));
      } catch (FileAlreadyExistsException e) {
        // made by an earlier opening or another process: slot files are permanent
      }
    }
  }

  private static String reason(IOException e) {
    return e instanceof AccessDeniedException
        ? "permission denied on " + e.getMessage()
        : String.valueOf(e.getMessage());
  }

  /**
   * A held slot; closing it (in the thread that acquired it) frees it for any thread or process.
   */
  public static final class Slot implements AutoCloseable {
    private final int index;
    private final Path file;
    private final StoreLock lock;

    private Slot(int index, Path file, StoreLock lock) {
      this.index = index;
      this.file = file;
      this.lock = lock;
    }

    /** The slot's number, 0-based. */
    public int index() {
      return index;
    }

    /** The slot's file. */
    public Path file() {
      return file;
    }

    @Override
    public void close() throws IOException {
      lock.close();
    }

    @Override
    public String toString() {
      return "admission slot " + index + " (" + file + ")";
    }
  }
}
