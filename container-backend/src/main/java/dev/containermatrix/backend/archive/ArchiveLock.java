package dev.containermatrix.backend.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The archive's one lock ({@code index.lock}), held while {@code index.json} is read and rewritten, while
 * retention deletes blobs and while a writer claims a blob that already exists. A file lock keeps other
 * processes out; an in-JVM lock keeps other threads out, since file locks belong to the whole process.
 */
final class ArchiveLock implements AutoCloseable {

  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock inJvm;
  private final FileChannel channel;

  private ArchiveLock(ReentrantLock inJvm, FileChannel channel) {
    this.inJvm = inJvm;
    this.channel = channel;
  }

  /** Waits for the lock on {@code file} (an absolute, real path), creating the file if absent. */
  static ArchiveLock acquire(Path file) throws IOException {
    ReentrantLock inJvm = IN_JVM.computeIfAbsent(file, k -> new ReentrantLock());
    if (inJvm.isHeldByCurrentThread()) {
      throw new IllegalStateException("this thread already holds the archive lock " + file + "; it is not reentrant");
    }
    inJvm.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.lock();
      return new ArchiveLock(inJvm, channel);
    } catch (IOException | RuntimeException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      inJvm.unlock();
      throw e;
    }
  }

  /** Releases the file lock (by closing its channel), then the in-JVM lock. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      inJvm.unlock();
    }
  }
}
