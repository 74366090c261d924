package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

/**
 * An exclusive lock on a lock file, held against other threads of this JVM and against other
 * processes. File locks are per process (closing any channel on a file drops the process's locks on
 * it), so this JVM opens a lock file only while it holds the file's in-JVM lock: one channel per
 * file at a time. The layer store's per-layer locks, its admission slots, the run archive's {@code
 * index.lock}, the class-data index's training locks and the report directory's {@code report.lock}
 * are all of this kind.
 */
@API(status = INTERNAL, since = "0.1")
public final class StoreLock implements AutoCloseable {

  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final Path key;
  private final ReentrantLock inJvm;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final boolean forgetOnClose;

  private StoreLock(
      Path key,
      ReentrantLock inJvm,
      FileChannel channel,
      FileLock fileLock,
      boolean forgetOnClose) {
    this.key = key;
    this.inJvm = inJvm;
    this.channel = channel;
    this.fileLock = fileLock;
    this.forgetOnClose = forgetOnClose;
  }

  /** Waits for the lock on {@code file}, creating the file if absent. */
  public static StoreLock acquire(Path file) throws IOException {
    return acquire(file, StandardOpenOption.CREATE, false);
  }

  /**
   * Creates {@code file}, which must not exist, and locks it; the lock is one of a kind (a
   * temporary directory's), so this JVM forgets it when it is closed.
   */
  static StoreLock acquireNew(Path file) throws IOException {
    return acquire(file, StandardOpenOption.CREATE_NEW, true);
  }

  private static StoreLock acquire(Path file, StandardOpenOption create, boolean forgetOnClose)
      throws IOException {
    Path key = key(file);
    ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    if (inJvm.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "this thread already holds the lock " + file + "; locks are not reentrant");
    }
    inJvm.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, create, StandardOpenOption.WRITE);
      return new StoreLock(key, inJvm, channel, channel.lock(), forgetOnClose);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      inJvm.unlock();
      throw e;
    }
  }

  /**
   * The lock on the existing {@code file} if nobody holds it now; empty if a thread or process
   * does, or if the file does not exist.
   */
  static Optional<StoreLock> tryAcquire(Path file) throws IOException {
    Path key = key(file);
    ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    if (inJvm.isHeldByCurrentThread() || !inJvm.tryLock()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        inJvm.unlock();
        return Optional.empty();
      }
      return Optional.of(new StoreLock(key, inJvm, channel, lock, false));
    } catch (NoSuchFileException e) {
      inJvm.unlock();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      inJvm.unlock();
      throw e;
    }
  }

  /**
   * Whether a thread of this JVM holds the lock on {@code file} (other processes are not asked).
   */
  static boolean isHeldInThisJvm(Path file) {
    ReentrantLock lock = IN_JVM.get(key(file));
    return lock != null && lock.isLocked();
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
    } finally {
      try {
        channel.close();
      } finally {
        inJvm.unlock();
        if (forgetOnClose && !inJvm.hasQueuedThreads()) {
          IN_JVM.remove(key, inJvm);
        }
      }
    }
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        primary.addSuppressed(e);
      }
    }
  }
}
