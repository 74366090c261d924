package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.hostfs.TreeDeletion;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A private directory under the store's {@code tmp/} for partial work, marked live by a held lock
 * on its sibling {@code <name>.lock}. {@link #close()} deletes both; a process killed mid-way
 * leaves them with the lock free, and {@link #removeDebris} deletes them later.
 */
final class TempWork implements AutoCloseable {

  private static final String LOCK = ".lock";

  /** A loose file (a record being written) older than this is debris. */
  private static final Duration LOOSE_FILE_AGE = Duration.ofHours(1);

  private final Path directory;
  private final Path lockFile;
  private final StoreLock lock;

  private TempWork(Path directory, Path lockFile, StoreLock lock) {
    this.directory = directory;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** A new, empty work directory under {@code tempDirectory}. */
  static TempWork create(Path tempDirectory) throws IOException {
    while (true) {
      String name = UUID.randomUUID().toString();
      Path lockFile = tempDirectory.resolve(name + LOCK);
      StoreLock lock = StoreLock.acquireNew(lockFile);
      // a cleaner may have taken the fresh, not yet locked file for debris and deleted it: start
      // over
      if (Files.exists(lockFile)) {
        Path directory = tempDirectory.resolve(name);
        try {
          Files.createDirectory(directory);
        } catch (IOException e) {
          lock.close();
          Files.deleteIfExists(lockFile);
          throw e;
        }
        return new TempWork(directory, lockFile, lock);
      }
      lock.close();
    }
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    try {
      TreeDeletion.delete(directory);
      Files.deleteIfExists(lockFile);
    } finally {
      lock.close();
    }
  }

  /**
   * Deletes what dead work left in {@code tempDirectory}: directories whose lock is free or gone,
   * free lock files, and loose files older than an hour. Work of live processes is left alone.
   *
   * @return how many directories and files it deleted
   */
  static int removeDebris(Path tempDirectory, Instant now) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDirectory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(LOCK)) {
          Path work = tempDirectory.resolve(name.substring(0, name.length() - LOCK.length()));
          Optional<StoreLock> free = StoreLock.tryAcquire(entry);
          if (free.isPresent()) {
            try (StoreLock held = free.get()) {
              if (Files.exists(work, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                TreeDeletion.delete(work);
                removed++;
              }
              Files.deleteIfExists(entry);
              removed++;
            }
          }
        } else if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          // its lock file is created first and deleted last, so a directory without one is dead
          // work
          if (!Files.exists(tempDirectory.resolve(name + LOCK))) {
            TreeDeletion.delete(entry);
            removed++;
          }
        } else if (isOlderThan(entry, now.minus(LOOSE_FILE_AGE))) {
          Files.deleteIfExists(entry);
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * False also if {@code entry} is gone (a work directory deleted with its lock earlier in the
   * listing).
   */
  private static boolean isOlderThan(Path entry, Instant cutoff) throws IOException {
    try {
      return Files.getLastModifiedTime(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          .toInstant()
          .isBefore(cutoff);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }
}
